/**
 * @module kerberos/ticket-source: service tickets for the bot's principal, from a password or a
 * keytab, kept in a private credentials cache. A ticket that has expired or will within the
 * renewal margin is renewed first (`kinit -R` while the TGT is renewable, else a new logon), so a
 * long-running bot never presents an expired ticket. One KDC exchange at a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCredentialCache, type CachedCredential } from './ccache.js';
import { KerberosError } from './errors.js';
import { getServiceTicket, kinitWithKeytab, kinitWithPassword, renewTgt, type KdcToolOptions } from './kdc-tools.js';
import { parsePrincipal, principalText, samePrincipal, type Principal } from './principal.js';

export interface TicketSourceOptions {
  /** `user@REALM` (a `REALM\user` or bare name is not enough: Kerberos needs the realm). */
  readonly principal: string;
  readonly password?: string;
  readonly keytab?: string;
  /** Renew tickets that expire within this margin; 5 minutes. */
  readonly renewMarginMs?: number;
  readonly now?: () => number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface TicketInfo {
  readonly principal: string;
  /** When the bot's TGT ends (and with it its service tickets), ms since the epoch. */
  readonly endTime: number;
  readonly renewTill: number;
}

export interface TicketSource {
  readonly principal: Principal;
  /** The service ticket for `spn`, fetched or renewed when needed. */
  serviceTicket(spn: string): Promise<CachedCredential>;
  /** Forgets the cached tickets (the server said one expired): the next call logs on again. */
  invalidate(): void;
  info(): TicketInfo | undefined;
  /** Deletes the credentials cache. */
  close(): void;
}

/** The KDC knows no such service: say which SPN to register, and where. */
function spnMissing(spn: Principal): KerberosError {
  const [service = 'HTTP', host = ''] = spn.components;
  return new KerberosError(
    'spn-missing',
    `the realm ${spn.realm} has no service principal ${service}/${host}: register it on the node's computer account ` +
      `(setspn -S ${service}/${host} ${host.split('.')[0]?.toUpperCase() ?? host}), or connect with the name the node is registered under`,
    { spn: principalText(spn) },
  );
}

/** Caches still on disk: removed when the process exits, whatever else happens to it. */
const liveCaches = new Set<string>();
let exitHook = false;
function track(dir: string): void {
  liveCaches.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of liveCaches) rmSync(d, { recursive: true, force: true });
  });
}

export function createTicketSource(options: TicketSourceOptions): TicketSource {
  const principal = parsePrincipal(options.principal);
  if (!principal.realm) throw new KerberosError('unknown-user', `the Kerberos principal "${options.principal}" has no realm: write it as user@REALM`);
  if (!options.password && !options.keytab) throw new KerberosError('keytab', 'Kerberos needs a password or a keytab');
  const now = options.now ?? Date.now;
  const margin = options.renewMarginMs ?? 5 * 60_000;
  let dir: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let forced = false;

  const tools = (): KdcToolOptions => {
    if (!dir) track((dir = mkdtempSync(join(tmpdir(), 'hyperv-chatops-krb5-'))));
    return { cache: `FILE:${join(dir, 'ccache')}`, ...(options.env ? { env: options.env } : {}) };
  };
  const read = (): CachedCredential[] => {
    if (!dir || forced) return [];
    try {
      return [...parseCredentialCache(readFileSync(join(dir, 'ccache'))).credentials];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  };
  const fresh = (c: CachedCredential | undefined): c is CachedCredential => c !== undefined && c.endTime - margin > now();
  const tgtName = parsePrincipal(`krbtgt/${principal.realm}@${principal.realm}`);
  const find = (creds: CachedCredential[], server: Principal) => creds.find((c) => samePrincipal(c.server, server));

  async function logon(): Promise<void> {
    const t = tools();
    const tgt = find(read(), tgtName);
    if (tgt && !forced && tgt.renewTill - margin > now() && tgt.endTime > now()) {
      try {
        return await renewTgt(t);
      } catch (error) {
        if (!(error instanceof KerberosError)) throw error; // not renewable after all: log on again
      }
    }
    forced = false;
    if (options.keytab) await kinitWithKeytab(principalText(principal), options.keytab, t);
    else await kinitWithPassword(principalText(principal), options.password ?? '', t);
  }

  async function serviceTicket(spnText: string): Promise<CachedCredential> {
    const spn = parsePrincipal(spnText, principal.realm);
    const cached = find(read(), spn);
    if (fresh(cached)) return cached;
    if (!fresh(find(read(), tgtName)) || cached) await logon();
    try {
      await getServiceTicket(principalText(spn), tools());
    } catch (error) {
      if (error instanceof KerberosError && error.code === 'spn-missing') throw spnMissing(spn);
      throw error;
    }
    const got = find(read(), spn);
    if (!got) throw new KerberosError('kdc-error', `kvno did not store a ticket for ${principalText(spn)}`);
    return got;
  }

  return {
    principal,
    serviceTicket(spn) {
      const result = queue.then(() => serviceTicket(spn));
      queue = result.catch(() => undefined);
      return result;
    },
    invalidate: () => {
      forced = true;
    },
    info() {
      const tgt = find(read(), tgtName);
      return tgt && { principal: principalText(principal), endTime: tgt.endTime, renewTill: tgt.renewTill };
    },
    close() {
      if (dir) {
        rmSync(dir, { recursive: true, force: true });
        liveCaches.delete(dir);
      }
      dir = undefined;
    },
  };
}
