/**
 * @module winrm-server/http-auth: who sent a request, as a WinRM listener decides it. Basic on
 * every request (not offered over plain HTTP unless AllowUnencrypted); NTLM under `Negotiate`
 * bound to the TCP connection: NEGOTIATE → 401 with the CHALLENGE, AUTHENTICATE → the session
 * whose keys seal the messages on that connection (over HTTPS also an unsealed one, and a channel
 * binding to the certificate checked per CbtHardeningLevel); Kerberos under `Negotiate` (or `Kerberos`)
 * with the node's keytab: an AP-REQ → 200 with the AP-REP in `WWW-Authenticate`, and the session
 * whose wrap tokens seal the messages on that connection, or 401 with the KRB-ERROR (a clock skew, a
 * ticket for another service). Unknown user and wrong password get the same 401, and the 401 offers
 * only the schemes that could work on this listener.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { createKerberosServerContext, isKerberosToken, parseKeytab, type KerberosServerContext, type Principal } from '../../../remoting/kerberos/index.js';
import { createNtlmServerContext, NtlmError, type ChannelBindingPolicy, type NtlmServerContext, type WinrmSealer } from '../../../remoting/ntlm/index.js';
import type { RemotingLogger } from '../../../remoting/transport/logger.js';

export interface ServerCredentials {
  readonly username: string;
  readonly password: string;
}

export interface ServerAuthOptions {
  readonly basic?: ServerCredentials;
  /** `domain`, when given, is the only domain accepted besides none and `.` (a local account). */
  readonly ntlm?: ServerCredentials & { readonly domain?: string };
  /** Kerberos with this keytab (the node's HTTP/ service principals), as `ktpass` makes it for a node. */
  readonly kerberos?: {
    readonly keytab: Buffer;
    /** The node's clock, for the skew check (tests move it); Date.now by default. */
    readonly now?: () => number;
  };
}

export interface AuthChallenge {
  readonly kind: 'challenge';
  readonly headers: Readonly<Record<string, string | string[]>>;
}

export type AuthOutcome =
  | AuthChallenge
  /**
   * `session`: the connection's NTLM or Kerberos session (messages may be sealed with it);
   * `headers`: to send with the answer (Kerberos' AP-REP).
   */
  | { readonly kind: 'authenticated'; readonly user: string; readonly session?: WinrmSealer; readonly headers?: Readonly<Record<string, string>> };

export interface AuthGateOptions {
  readonly auth: ServerAuthOptions;
  /** The listener is HTTPS. */
  readonly secure: boolean;
  readonly allowUnencrypted: boolean;
  /** NetBIOS name announced in the NTLM CHALLENGE. */
  readonly machineName: string;
  /** NTLM channel binding to the TLS certificate (HTTPS only); none when absent. */
  readonly channelBinding?: ChannelBindingPolicy;
  readonly logger: RemotingLogger;
}

export interface AuthGate {
  authenticate(req: IncomingMessage): AuthOutcome;
  /** The 401 for a request this listener refuses although it is authenticated (plaintext over HTTP). */
  challenge(): AuthChallenge;
}

interface ConnectionAuth {
  pending?: { context: NtlmServerContext; scheme: string };
  established?: { user: string; session?: WinrmSealer };
}

const NTLM_NEGOTIATE = 1;
const NTLM_AUTHENTICATE = 3;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function createAuthGate(options: AuthGateOptions): AuthGate {
  const { auth, logger } = options;
  const connections = new WeakMap<Socket, ConnectionAuth>();
  const basicUsable = auth.basic !== undefined && (options.secure || options.allowUnencrypted);
  const offered = [
    ...(auth.ntlm || auth.kerberos ? ['Negotiate'] : []),
    ...(auth.kerberos ? ['Kerberos'] : []),
    ...(basicUsable ? ['Basic realm="WSMAN"'] : []),
  ];
  const kerberos = auth.kerberos && createKerberosGate(auth.kerberos, options);
  const challenge = (token?: string, scheme = 'Negotiate'): AuthChallenge => ({
    kind: 'challenge',
    headers: token ? { 'WWW-Authenticate': `${scheme} ${token}` } : offered.length ? { 'WWW-Authenticate': offered } : {},
  });

  function basic(value: string): AuthOutcome {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const credentials = auth.basic;
    if (!basicUsable || !credentials || colon < 0) return challenge();
    const ok = sameName(decoded.slice(0, colon), credentials.username) && sameSecret(decoded.slice(colon + 1), credentials.password);
    if (!ok) logger.info({ scheme: 'basic' }, 'authentication refused');
    return ok ? { kind: 'authenticated', user: credentials.username } : challenge();
  }

  function lookupPassword(user: string, domain: string): string | undefined {
    const credentials = auth.ntlm;
    if (!credentials || !sameName(user, credentials.username)) return undefined;
    const domainOk = domain === '' || domain === '.' || !credentials.domain || sameName(domain, credentials.domain);
    return domainOk ? credentials.password : undefined;
  }

  function ntlm(state: ConnectionAuth, scheme: string, token: Buffer): AuthOutcome {
    const type = token.length >= 12 ? token.readUInt32LE(8) : 0;
    try {
      if (type === NTLM_NEGOTIATE) {
        state.established = undefined;
        const context = createNtlmServerContext({
          targetName: options.machineName,
          lookupPassword,
          // Unsealed NTLM is for TLS (or AllowUnencrypted), as on Windows; over plain HTTP every message is sealed.
          requireSealing: !(options.secure || options.allowUnencrypted),
          ...(options.secure && options.channelBinding ? { channelBinding: options.channelBinding } : {}),
        });
        const reply = context.challenge(token);
        state.pending = { context, scheme };
        return challenge(reply.toString('base64'), scheme);
      }
      const pending = state.pending;
      state.pending = undefined;
      if (type !== NTLM_AUTHENTICATE || !pending) return challenge();
      const accepted = pending.context.accept(token);
      state.established = { user: auth.ntlm?.username ?? accepted.user, ...(accepted.sealing ? { session: accepted.session } : {}) };
      return { kind: 'authenticated', ...state.established };
    } catch (error) {
      if (!(error instanceof NtlmError)) throw error;
      logger.info({ scheme: 'ntlm', code: error.code }, 'authentication refused');
      return challenge();
    }
  }

  function kerberosLogon(state: ConnectionAuth, scheme: string, token: Buffer): AuthOutcome {
    if (!kerberos) return challenge();
    state.pending = undefined;
    const result = kerberos.context.accept(token, kerberos.principal);
    const reply = result.reply.toString('base64');
    if (result.kind === 'refused') {
      state.established = undefined;
      logger.info({ scheme: 'kerberos', errorCode: result.errorCode }, 'authentication refused');
      return challenge(reply, scheme);
    }
    state.established = { user: result.client, session: result.session };
    return { kind: 'authenticated', ...state.established, headers: { 'WWW-Authenticate': `${scheme} ${reply}` } };
  }

  return {
    authenticate(req) {
      let state = connections.get(req.socket);
      if (!state) connections.set(req.socket, (state = {}));
      const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(req.headers.authorization ?? '');
      const scheme = match?.[1] ?? '';
      if (match && scheme.toLowerCase() === 'basic') return basic(match[2] ?? '');
      if (match && ['negotiate', 'kerberos'].includes(scheme.toLowerCase())) {
        const token = Buffer.from(match[2] ?? '', 'base64');
        if (isKerberosToken(token)) return kerberosLogon(state, scheme, token);
      }
      if (match && auth.ntlm && ['negotiate', 'ntlm'].includes(scheme.toLowerCase())) {
        return ntlm(state, scheme, Buffer.from(match[2] ?? '', 'base64'));
      }
      if (!match && state.established) return { kind: 'authenticated', ...state.established };
      return challenge();
    },
    challenge: () => challenge(),
  };
}

/** The listener's Kerberos acceptor: the keytab's keys, the channel binding over HTTPS. */
function createKerberosGate(config: NonNullable<ServerAuthOptions['kerberos']>, options: AuthGateOptions): { context: KerberosServerContext; principal: Principal } {
  const keytab = parseKeytab(config.keytab);
  const first = keytab[0];
  if (!first) throw new Error('the Kerberos keytab has no keys');
  const binding = options.secure && options.channelBinding;
  const context = createKerberosServerContext({
    keytab,
    ...(config.now ? { now: config.now } : {}),
    ...(binding ? { channelBinding: binding } : {}),
  });
  return { context, principal: first.principal };
}
