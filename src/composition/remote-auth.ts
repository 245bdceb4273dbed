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
  /** What authenticated the bot's connection to each node's endpoint it reached so far. */
  readonly nodes?: Readonly<Record<string, NodeAuthUse>>;
}

export interface NodeAuthUse {
  readonly used: 'basic' | 'ntlm' | 'kerberos';
  readonly fallbackReason?: string;
}

type OnAuthenticated = (scheme: 'basic' | 'ntlm' | 'kerberos', reason?: string) => void;

export interface RemoteAuth {
  readonly auth: AuthOptions;
  readonly onAuthenticated: OnAuthenticated;
  /**
   * The authentication of the bot's own session to one node's endpoint (one ticket source for
   * all), with that node's SPN when configured (`kerberos.spn` is the entry's, `nodes.<node>.spn`
   * another's); otherwise the SPN is derived from the endpoint's host.
   */
  forEndpoint(endpoint: string, spn: string | undefined): { auth: AuthOptions; onAuthenticated: OnAuthenticated };
  report(): AuthReport;
  /** Deletes the credentials cache. */
  close(): void;
}

export function createRemoteAuth(c: RemoteConfig, password: string | undefined, env?: NodeJS.ProcessEnv): RemoteAuth {
  let used: AuthReport['used'];
  let fallbackReason: string | undefined;
  const nodes: Record<string, NodeAuthUse> = {};
  const onAuthenticated: OnAuthenticated = (scheme, reason) => {
    used = scheme;
    if (reason) fallbackReason = reason;
  };
  const recordingFor = (endpoint: string): OnAuthenticated => (scheme, reason) => {
    onAuthenticated(scheme, reason);
    nodes[endpoint] = { used: scheme, ...(reason ? { fallbackReason: reason } : {}) };
  };
  const perNode = () => (Object.keys(nodes).length > 0 ? { nodes: { ...nodes } } : {});
  const secret = password ?? '';
  if (c.auth === 'basic' || c.auth === 'ntlm') {
    const auth: AuthOptions = c.auth === 'ntlm' ? { scheme: 'ntlm', username: c.username, password: secret } : { scheme: 'basic', username: c.username, password: secret };
    return {
      auth, onAuthenticated, forEndpoint: (endpoint) => ({ auth, onAuthenticated: recordingFor(endpoint) }),
      report: () => ({ configured: c.auth, ...(used ? { used } : {}), ...perNode() }), close: () => undefined,
    };
  }
  const k = c.kerberos;
  const tickets: TicketSource = createTicketSource({
    principal: k?.principal ?? c.username,
    ...(k?.keytab ? { keytab: k.keytab } : { password: secret }),
    renewMarginMs: (k?.renewMarginMinutes ?? 5) * 60_000,
    ...(env ? { env } : {}),
  });
  const kerberosAuth = (spn: string | undefined): AuthOptions => ({
    scheme: c.auth as 'kerberos' | 'negotiate',
    tickets,
    ...(spn ? { spn } : {}),
    ...(c.auth === 'negotiate' && k?.ntlmFallback ? { ntlmFallback: { username: c.username, password: secret } } : {}),
  });
  const auth = kerberosAuth(k?.spn);
  return {
    auth,
    onAuthenticated,
    forEndpoint: (endpoint, spn) => ({ auth: kerberosAuth(spn), onAuthenticated: recordingFor(endpoint) }),
    report() {
      const ticket = tickets.info();
      return { configured: c.auth, ...(used ? { used } : {}), ...(fallbackReason ? { fallbackReason } : {}), ...(ticket ? { ticket } : {}), ...perNode() };
    },
    close: () => tickets.close(),
  };
}
