/**
 * @module composition/remote-auth: a remote cluster's authentication from its configuration:
 * Basic, NTLM, or Kerberos (one ticket source for the cluster, shared by every transport to its
 * nodes), and what was used, for `cli check` and the start-up log.
 */
import type { ClusterConfig } from '../config/schema.js';
import { createTicketSource, type TicketInfo, type TicketSource } from '../remoting/kerberos/index.js';
import type { AuthOptions } from '../remoting/transport/create-transport.js';

type RemoteConfig = Extract<ClusterConfig, { kind: 'remote' }>;

export interface AuthReport {
  /** As configured: basic, ntlm, kerberos or negotiate. */
  readonly configured: RemoteConfig['auth'];
  /** What authenticated the last new connection, if one was made. */
  readonly used?: 'basic' | 'ntlm' | 'kerberos';
  /** Why negotiate fell back to NTLM. */
  readonly fallbackReason?: string;
  /** The bot's Kerberos ticket (TGT) once it has one. */
  readonly ticket?: TicketInfo;
}

export interface RemoteAuth {
  readonly auth: AuthOptions;
  readonly onAuthenticated: (scheme: 'basic' | 'ntlm' | 'kerberos', reason?: string) => void;
  report(): AuthReport;
  /** Deletes the credentials cache. */
  close(): void;
}

export function createRemoteAuth(c: RemoteConfig, password: string | undefined, env?: NodeJS.ProcessEnv): RemoteAuth {
  let used: AuthReport['used'];
  let fallbackReason: string | undefined;
  const onAuthenticated = (scheme: 'basic' | 'ntlm' | 'kerberos', reason?: string) => {
    used = scheme;
    if (reason) fallbackReason = reason;
  };
  const secret = password ?? '';
  if (c.auth === 'basic' || c.auth === 'ntlm') {
    const auth: AuthOptions = c.auth === 'ntlm' ? { scheme: 'ntlm', username: c.username, password: secret } : { scheme: 'basic', username: c.username, password: secret };
    return { auth, onAuthenticated, report: () => ({ configured: c.auth, ...(used ? { used } : {}) }), close: () => undefined };
  }
  const k = c.kerberos;
  const tickets: TicketSource = createTicketSource({
    principal: k?.principal ?? c.username,
    ...(k?.keytab ? { keytab: k.keytab } : { password: secret }),
    renewMarginMs: (k?.renewMarginMinutes ?? 5) * 60_000,
    ...(env ? { env } : {}),
  });
  const auth: AuthOptions = {
    scheme: c.auth,
    tickets,
    ...(k?.spn ? { spn: k.spn } : {}),
    ...(c.auth === 'negotiate' && k?.ntlmFallback ? { ntlmFallback: { username: c.username, password: secret } } : {}),
  };
  return {
    auth,
    onAuthenticated,
    report() {
      const ticket = tickets.info();
      return { configured: c.auth, ...(used ? { used } : {}), ...(fallbackReason ? { fallbackReason } : {}), ...(ticket ? { ticket } : {}) };
    },
    close: () => tickets.close(),
  };
}
