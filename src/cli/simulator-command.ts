/**
 * @module cli/simulator-command: `simulator` serves a SimulatedCluster (the demo, or an inventory
 * file) through the script host and the simulator's WinRM server, so anyone can point their own
 * WinRM client at it; it prints the endpoint, the user and how to connect, and stops on Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSystemClock } from '../cluster/clock.js';
import { demoInventory } from '../cluster/simulator/demo-inventory.js';
import { loadInventoryFile } from '../cluster/simulator/inventory-file.js';
import { startSimulatorPowerShell } from '../cluster/simulator/powershell/index.js';
import { startSimulatorPsrp } from '../cluster/simulator/psrp/index.js';
import { createSimulatedCluster } from '../cluster/simulator/simulated-cluster.js';
import { createWinrmServer, type ServerAuthOptions } from '../cluster/simulator/winrm-server/index.js';
import { integerFlag, parseFlags, passwordFrom, stringFlag, type FlagSpec } from './args.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';
import { connectHelp } from './simulator-help.js';

export const simulatorUsage =
  'npm run cli -- simulator [--port N] [--inventory FILE] [--auth ntlm|basic] [--user U] [--password-env VAR] ' +
  '[--cert FILE --key FILE [--cbt-hardening none|relaxed|strict]] [--keytab FILE] [--latency MS]';

const flags: FlagSpec = {
  port: { type: 'string' },
  inventory: { type: 'string' },
  auth: { type: 'string', default: 'ntlm' },
  user: { type: 'string', default: 'operator' },
  'password-env': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  latency: { type: 'string' },
  'cbt-hardening': { type: 'string', default: 'relaxed' },
  /** Accept Kerberos too, with this keytab's HTTP/ principals (docs/kerberos.md). */
  keytab: { type: 'string' },
};

const cbtLevels = ['none', 'relaxed', 'strict'] as const;

/** WinRM's CbtHardeningLevel for NTLM over HTTPS; Relaxed is Windows' default. */
function cbtHardening(value: string | undefined, https: boolean): (typeof cbtLevels)[number] {
  const level = cbtLevels.find((l) => l === value);
  if (!level) throw new CliUsageError(`--cbt-hardening must be none, relaxed or strict, not ${value}`, simulatorUsage);
  if (level !== 'relaxed' && !https) throw new CliUsageError('--cbt-hardening binds NTLM to the TLS certificate: it needs --cert and --key', simulatorUsage);
  return level;
}

async function tlsFiles(cert: string | undefined, key: string | undefined) {
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new CliUsageError('--cert and --key go together (PEM files)', simulatorUsage);
  try {
    return { cert: await readFile(cert), key: await readFile(key) };
  } catch (error) {
    throw new CliUsageError(`cannot read ${(error as { path?: string }).path ?? 'the certificate files'}`, simulatorUsage);
  }
}

/** ` -Name -Node`: the parameters a fake cmdlet was given (values stay out of the log). */
function boundNames(parameters: Readonly<Record<string, unknown>>): string {
  const given = Object.entries(parameters).filter(([, v]) => v !== '' && v !== null && v !== false && !(Array.isArray(v) && v.length === 0));
  return given.map(([name]) => ` -${name}`).join('');
}

/** `simulator …`: runs until interrupted; returns the exit code. */
export async function simulatorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFlags(argv, flags, simulatorUsage);
  if (parsed.positionals.length) throw new CliUsageError(`unexpected ${parsed.positionals[0]}`, simulatorUsage);
  const scheme = stringFlag(parsed, 'auth');
  if (scheme !== 'ntlm' && scheme !== 'basic') throw new CliUsageError(`--auth must be ntlm or basic, not ${scheme}`, simulatorUsage);
  const username = stringFlag(parsed, 'user') ?? 'operator';
  const passwordEnv = stringFlag(parsed, 'password-env');
  const password = passwordEnv ? passwordFrom(io.env, passwordEnv, simulatorUsage) : randomBytes(12).toString('base64url');
  const port = integerFlag(parsed, 'port', 5985, 0, 65535, simulatorUsage);
  const latencyMs = integerFlag(parsed, 'latency', 0, 0, 10_000, simulatorUsage);
  const https = await tlsFiles(stringFlag(parsed, 'cert'), stringFlag(parsed, 'key'));
  const cbtHardeningLevel = cbtHardening(stringFlag(parsed, 'cbt-hardening'), !!https);
  const inventoryFile = stringFlag(parsed, 'inventory');
  const inventory = inventoryFile ? await loadInventoryFile(inventoryFile) : demoInventory;

  const keytabFile = stringFlag(parsed, 'keytab');
  const keytab = keytabFile ? await readFile(keytabFile).catch(() => {
    throw new CliUsageError(`cannot read the keytab ${keytabFile}`, simulatorUsage);
  }) : undefined;

  const clock = createSystemClock();
  const cluster = createSimulatedCluster({ inventory, clock });
  const powershell = await startSimulatorPowerShell(cluster, {
    clock,
    onCall: (cmdlet, parameters) => void io.stdout.write(`${new Date(clock.now()).toISOString()} ${cmdlet}${boundNames(parameters)}\n`),
  });
  const host = powershell.host;
  // PSRP too: shells on the PowerShell resource URIs (HyperVChatOps, Microsoft.PowerShell) are pwsh -s sessions.
  const psrp = await startSimulatorPsrp(cluster, {
    clock,
    onCall: (cmdlet, parameters) => void io.stdout.write(`${new Date(clock.now()).toISOString()} ${cmdlet}${boundNames(parameters)}\n`),
  });
  const credentials = { username, password };
  const auth: ServerAuthOptions = { ...(scheme === 'ntlm' ? { ntlm: credentials } : { basic: credentials }), ...(keytab ? { kerberos: { keytab } } : {}) };
  // Each node has its own listener, as each Windows node its own WinRM: the first on --port, the
  // others on the ports after it (any free port with --port 0). Basic over plain HTTP needs
  // AllowUnencrypted, as on Windows; the simulator listens on loopback only.
  const serverFor = (node: string) => createWinrmServer({
    host: node === powershell.computerName ? host : powershell.hostFor(node), psrp: psrp.sessionsFor(node), auth,
    allowUnencrypted: scheme === 'basic' && !https, ...(https ? { https } : {}), cbtHardeningLevel, latencyMs,
  });
  const nodes = (await cluster.listNodes()).map((n) => n.name);
  const ordered = [powershell.computerName, ...nodes.filter((n) => n !== powershell.computerName)];
  const servers: Array<ReturnType<typeof createWinrmServer>> = [];
  const endpoints: Record<string, string> = {};
  try {
    for (const [index, node] of ordered.entries()) {
      const server = serverFor(node);
      servers.push(server);
      endpoints[node] = (await server.listen(port === 0 ? 0 : port + index, '127.0.0.1')).url;
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    await psrp.close();
    await powershell.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CliUsageError(`port ${port} or one after it (a port per node) is in use; choose another with --port N (0: any free ports)`, simulatorUsage);
    throw error;
  }
  if (keytabFile) io.stdout.write(`Kerberos accepted too, with the keys in ${keytabFile}.\n`);
  const url = endpoints[powershell.computerName] ?? '';
  io.stdout.write(connectHelp({ url, nodes: endpoints, scheme, username, passwordEnv, generatedPassword: passwordEnv ? undefined : password, cluster: cluster.name, https: !!https, cbtHardening: cbtHardeningLevel }));
  await io.untilInterrupted();
  await Promise.all(servers.map((s) => s.close()));
  await psrp.close();
  await powershell.close();
  io.stdout.write('WinRM simulator stopped.\n');
  return 0;
}
