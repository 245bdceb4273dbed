/**
 * @module cli/errors: what the CLI tells a person when something fails. A mistake on the command
 * line is a CliUsageError; a remoting failure is explained from its typed error (kind and fields,
 * never its message text) with what to try next. Both exit with code 2.
 */
import { assertNever, AuthenticationError, KerberosAuthenticationError, RemotingConfigError, RemotingError } from '../remoting/errors.js';

export const EXIT_FAILURE = 2;

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  constructor(
    readonly problem: string,
    /** The usage line of the command, shown below the problem. */
    readonly usage?: string,
  ) {
    super(problem);
  }
}

/** Settings refused before anything was sent, by field, in terms of this CLI's flags. */
const configurationHints: Readonly<Record<string, string>> = {
  'auth.allowUnencryptedHttp': 'Use https://, or --auth ntlm (it encrypts over HTTP), or add --allow-unencrypted (lab only: the password crosses the network in clear text).',
  'tls.fingerprint256': '--fingerprint takes the SHA-256 fingerprint of the certificate: 64 hex digits, colons allowed.',
  'tls.caFile': '--ca takes a PEM file with the CA (or the self-signed certificate) of the endpoint.',
  endpoint: '--endpoint looks like http://HOST:5985/wsman or https://HOST:5986/wsman.',
};

/** What to try next for a remoting failure, by kind. */
function hint(error: RemotingError, passwordEnv: string | undefined): string | undefined {
  const kind = error.kind;
  switch (kind) {
    case 'authentication':
      if (error instanceof KerberosAuthenticationError) return 'Kerberos set-up (SPNs, keytabs, clocks, krb5.conf): docs/kerberos.md.';
      return `Check --user${error instanceof AuthenticationError ? ` (${error.username})` : ''} and the password in $${passwordEnv ?? 'the variable given to --password-env'}, and --auth (ntlm, basic, kerberos or negotiate).`;
    case 'tls':
      return 'Give the CA with --ca FILE or pin the certificate with --fingerprint SHA256; --insecure skips the check (lab only).';
    case 'connection':
      return 'Check --endpoint (http://HOST:5985/wsman or https://HOST:5986/wsman) and that WinRM (or `npm run cli -- simulator`) runs there.';
    case 'timeout':
      return 'The endpoint is reachable but slow; --timeout SECONDS allows the command longer.';
    case 'configuration':
      return error instanceof RemotingConfigError ? configurationHints[error.field] : undefined;
    case 'wsman-fault':
    case 'wmi-error':
    case 'http-status':
    case 'relates-to-mismatch':
    case 'protocol':
    case 'aborted':
    case 'closed':
    case 'invalid-value':
      return undefined;
    default:
      return assertNever(kind);
  }
}

/** Lines for stderr describing `error`. */
export function describeFailure(error: unknown, passwordEnv?: string): string[] {
  if (error instanceof CliUsageError) return [`error: ${error.problem}`, ...(error.usage ? [`usage: ${error.usage}`] : [])];
  if (error instanceof RemotingError) {
    const next = hint(error, passwordEnv);
    return [`error: ${error.message}`, ...(next ? [next] : [])];
  }
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return [`error: ${name}: ${message}`];
}

/** A remote exit code as this process's own: 0 stays 0, and no failure becomes 0 modulo 256. */
export function processExitCode(remote: number): number {
  if (remote === 0) return 0;
  const low = remote & 0xff;
  return low === 0 ? 1 : low;
}
