/**
 * @module cli/winrm-options: the connection flags shared by `winrm exec` and `winrm ps`, turned
 * into the options of the real WinRS runner (the same client the bot uses).
 */
import { createTicketSource } from '../remoting/kerberos/index.js';
import type { WinrsRunnerOptions } from '../remoting/winrs-runner.js';
import type { AuthOptions } from '../remoting/transport/create-transport.js';
import type { TlsOptions } from '../remoting/transport/tls.js';
import { integerFlag, passwordFrom, stringFlag, type FlagSpec, type ParsedFlags } from './args.js';
import { CliUsageError } from './errors.js';

export const connectionFlags: FlagSpec = {
  endpoint: { type: 'string' },
  auth: { type: 'string', default: 'ntlm' },
  user: { type: 'string' },
  'password-env': { type: 'string' },
  domain: { type: 'string' },
  principal: { type: 'string' },
  keytab: { type: 'string' },
  spn: { type: 'string' },
  ca: { type: 'string' },
  fingerprint: { type: 'string' },
  insecure: { type: 'boolean', default: false },
  'allow-unencrypted': { type: 'boolean', default: false },
  timeout: { type: 'string' },
};

export const connectionUsage =
  '--endpoint URL [--auth ntlm|basic|kerberos|negotiate] --user U --password-env VAR [--domain D] ' +
  '[--principal USER@REALM] [--keytab FILE] [--spn HTTP/HOST] ' +
  '[--ca FILE | --fingerprint SHA256 | --insecure] [--allow-unencrypted] [--timeout SECONDS]';

const isKerberos = (scheme: string | undefined): scheme is 'kerberos' | 'negotiate' => scheme === 'kerberos' || scheme === 'negotiate';

function authOptions(flags: ParsedFlags, password: string, usage: string, env: Readonly<Record<string, string | undefined>>): AuthOptions {
  const username = stringFlag(flags, 'user');
  if (!username) throw new CliUsageError('--user is required', usage);
  const scheme = stringFlag(flags, 'auth');
  if (scheme === 'basic') return { scheme, username, password, allowUnencryptedHttp: flags.values['allow-unencrypted'] === true };
  if (scheme === 'ntlm') {
    const domain = stringFlag(flags, 'domain');
    return { scheme, username, password, ...(domain ? { domain } : {}) };
  }
  if (isKerberos(scheme)) {
    const keytab = stringFlag(flags, 'keytab');
    const spn = stringFlag(flags, 'spn');
    const principal = stringFlag(flags, 'principal') ?? username;
    if (!/^[^@\\]+@[^@]+$/.test(principal)) throw new CliUsageError('Kerberos needs the realm: --user user@REALM or --principal user@REALM', usage);
    // Negotiate from the CLI falls back to NTLM: it is a tool to find out what works.
    const tickets = createTicketSource({ principal, ...(keytab ? { keytab } : { password }), env: { ...process.env, ...env } });
    return { scheme, tickets, ...(spn ? { spn } : {}), ...(scheme === 'negotiate' && password ? { ntlmFallback: { username, password } } : {}) };
  }
  throw new CliUsageError(`--auth must be ntlm, basic, kerberos or negotiate, not ${scheme}`, usage);
}

function tlsOptions(flags: ParsedFlags, usage: string): TlsOptions | undefined {
  const caFile = stringFlag(flags, 'ca');
  const fingerprint256 = stringFlag(flags, 'fingerprint');
  const insecure = flags.values.insecure === true;
  if ([caFile, fingerprint256, insecure || undefined].filter((v) => v !== undefined).length > 1) {
    throw new CliUsageError('give only one of --ca, --fingerprint and --insecure', usage);
  }
  if (caFile) return { caFile };
  if (fingerprint256) return { fingerprint256 };
  return insecure ? { insecure } : undefined;
}

export interface Connection {
  readonly runner: WinrsRunnerOptions;
  readonly timeoutMs: number;
  readonly passwordEnv: string | undefined;
}

/** Reads the connection flags; the password comes from the named environment variable only. */
export function connectionFrom(flags: ParsedFlags, env: Readonly<Record<string, string | undefined>>, usage: string): Connection {
  const endpoint = stringFlag(flags, 'endpoint');
  if (!endpoint) throw new CliUsageError('--endpoint URL is required, e.g. http://node1:5985/wsman', usage);
  const passwordEnv = stringFlag(flags, 'password-env');
  // A Kerberos keytab logon needs no password.
  const keytabOnly = isKerberos(stringFlag(flags, 'auth')) && stringFlag(flags, 'keytab') !== undefined && !passwordEnv;
  const password = keytabOnly ? '' : passwordFrom(env, passwordEnv, usage);
  const tls = tlsOptions(flags, usage);
  const timeoutMs = integerFlag(flags, 'timeout', 300, 1, 86_400, usage) * 1000;
  return { runner: { endpoint, auth: authOptions(flags, password, usage, env), ...(tls ? { tls } : {}), maxShellsPerUser: 1 }, timeoutMs, passwordEnv };
}
