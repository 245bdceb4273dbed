/** @module cli/simulator-help: what `simulator` prints once it listens: the endpoint, the user, and how to connect. */

export interface ConnectFacts {
  /** The first node's endpoint. */
  readonly url: string;
  /** Every node's endpoint (its own listener), by name. */
  readonly nodes?: Readonly<Record<string, string>>;
  readonly scheme: 'ntlm' | 'basic';
  readonly username: string;
  /** The variable the password came from; the password itself is never printed then. */
  readonly passwordEnv: string | undefined;
  /** A password made up for this run (no --password-env): shown, since nothing else knows it. */
  readonly generatedPassword: string | undefined;
  readonly cluster: string;
  readonly https: boolean;
  /** CbtHardeningLevel for NTLM over HTTPS. */
  readonly cbtHardening?: 'none' | 'relaxed' | 'strict';
}

export function connectHelp(f: ConnectFacts): string {
  const variable = f.passwordEnv ?? 'WINRM_PASSWORD';
  const setPassword = f.generatedPassword ? `${variable}='${f.generatedPassword}' ` : '';
  const transport = f.scheme === 'ntlm' ? "transport='ntlm', message_encryption='always'" : "transport='basic'";
  const authLine =
    f.scheme === 'ntlm'
      ? f.https ? `NTLM over HTTPS (channel binding: ${f.cbtHardening ?? 'relaxed'})` : 'NTLM with WinRM message encryption (AllowUnencrypted=false)'
      : f.https ? 'Basic over HTTPS' : 'Basic over plain HTTP (AllowUnencrypted=true, loopback only)';
  const cliAuth = `--auth ${f.scheme}${f.scheme === 'basic' && !f.https ? ' --allow-unencrypted' : ''}${f.https ? ' --insecure' : ''}`;
  const cli = `npm run cli -- winrm ps --endpoint ${f.url} ${cliAuth} --user ${f.username} --password-env ${variable}`;
  return [
    `WinRM simulator serving cluster "${f.cluster}"`,
    `  endpoint:  ${f.url}`,
    `  auth:      ${authLine}`,
    `  user:      ${f.username}`,
    `  password:  ${f.generatedPassword ? `${f.generatedPassword}  (made up for this run; set --password-env VAR to choose one)` : `from $${variable}`}`,
    ...nodeLines(f),
    '',
    'Every powershell.exe command runs in a real PowerShell 7 whose FailoverClusters and Hyper-V',
    'cmdlets are fakes reading this cluster (each call is logged below), e.g. a project script:',
    `  ${setPassword}${cli} -- - < src/cluster/scripts/list-volumes.ps1`,
    'or from Python (pip install pywinrm, or apt-get install python3-winrm):',
    `  import winrm; s = winrm.Session('${f.url}', auth=('${f.username}', PASSWORD), ${transport}${f.https ? ", server_cert_validation='ignore'" : ''})`,
    "  print(s.run_cmd('hostname').std_err)   # any other command: \"not recognized\", exit code 9009",
    'and PowerShell Remoting on the JEA endpoint (HyperVChatOps) or Microsoft.PowerShell:',
    `  ${setPassword}${cli.replace('winrm ps', 'psrp invoke')} --configuration HyperVChatOps -- Get-ChatOpsNode`,
    '',
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}

/** Each node's own listener, and the `nodes` a bot's configuration needs to reach each of them. */
function nodeLines(f: ConnectFacts): string[] {
  const nodes = Object.entries(f.nodes ?? {});
  if (nodes.length <= 1) return [];
  const overrides = Object.fromEntries(nodes.map(([node, endpoint]) => [node, { endpoint }]));
  return [
    `  nodes:     ${nodes.map(([node, endpoint]) => `${node} ${endpoint}`).join(', ')}`,
    `  a bot reaches each node itself: give its cluster "nodes": ${JSON.stringify(overrides)}`,
  ];
}
