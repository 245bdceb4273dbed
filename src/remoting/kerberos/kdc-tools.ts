/**
 * @module kerberos/kdc-tools: the KDC exchanges (AS and TGS) are left to MIT Kerberos' own tools:
 * `kinit` (a password on stdin, or a keytab), `kinit -R` (renewal) and `kvno` (a service ticket),
 * each writing into the bot's private credentials cache. Their failures become coded errors; the
 * realm's KDCs come from krb5.conf (KRB5_CONFIG) as for any MIT client.
 */
import { execFile } from 'node:child_process';
import { KerberosError } from './errors.js';

export interface KdcToolOptions {
  /** `FILE:/path` of the cache. */
  readonly cache: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** Which failure a tool's com_err text reports ([MIT krb5] error tables); the text is kept in details. */
const knownFailures: readonly { readonly pattern: RegExp; readonly code: KerberosError['code'] }[] = [
  { pattern: /Password incorrect|Preauthentication failed|Decrypt integrity check failed/i, code: 'wrong-password' },
  { pattern: /Client '?[^ ]*'? not found in Kerberos database/i, code: 'unknown-user' },
  { pattern: /Server '?[^ ]*'? not found in Kerberos database/i, code: 'spn-missing' },
  { pattern: /Cannot contact any KDC|Cannot find KDC|Cannot resolve network address for KDC/i, code: 'kdc-unreachable' },
  { pattern: /Clock skew too great/i, code: 'clock-skew' },
  { pattern: /Ticket expired|Ticket not renewable|ticket.*renew/i, code: 'ticket-expired' },
  { pattern: /Key table (file|entry)|No suitable keys|keytab/i, code: 'keytab' },
];

function run(tool: string, args: readonly string[], options: KdcToolOptions, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      tool,
      [...args],
      { env: { ...(options.env ?? process.env), KRB5CCNAME: options.cache }, timeout: options.timeoutMs ?? 15_000 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const text = String(stderr).replace(/Password for [^:]*:\s*/g, '').trim();
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(new KerberosError('kdc-error', `${tool} was not found: install MIT Kerberos' client tools (Debian: krb5-user)`, { tool }));
        }
        const code = knownFailures.find((f) => f.pattern.test(text))?.code ?? 'kdc-error';
        reject(new KerberosError(code, text || `${tool} failed`, { tool, output: text }));
      },
    );
    child.stdin?.on('error', () => undefined); // a tool that exits without reading its stdin (EPIPE)
    child.stdin?.end(input === undefined ? '' : `${input}\n`);
  });
}

/** A TGT for `principal` from its password (sent on stdin, never on the command line). */
export const kinitWithPassword = (principal: string, password: string, options: KdcToolOptions) =>
  run('kinit', ['-r', '7d', principal], options, password);

export const kinitWithKeytab = (principal: string, keytab: string, options: KdcToolOptions) =>
  run('kinit', ['-r', '7d', '-k', '-t', keytab, principal], options);

export const renewTgt = (options: KdcToolOptions) => run('kinit', ['-R'], options);

/** A service ticket for `spn` (`HTTP/node1.example.com@REALM`) into the cache. */
export const getServiceTicket = (spn: string, options: KdcToolOptions) => run('kvno', ['-q', spn], options);
