/**
 * @module ntlm/client-context: the NTLMv2 initiator ([MS-NLMP] 3.1.5): NEGOTIATE, then
 * AUTHENTICATE with MIC and key exchange, then the client's sealing session.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { findAvPair, withAvFlag, withAvPair } from './av-pairs.js';
import { AvFlags, AvId, CLIENT_NEGOTIATE_FLAGS, REQUIRED_FLAGS, missingFlags } from './constants.js';
import { NtlmError } from './errors.js';
import { decodeChallenge, encodeAuthenticate, encodeNegotiate, withMic } from './messages.js';
import { clientBlob, computeMic, computeNtlmV2Response, ntowfv2 } from './ntlmv2.js';
import { rc4k } from './rc4.js';
import { createNtlmSession, type NtlmSession } from './session.js';
import { filetime, utf16 } from './wire.js';

export interface NtlmCredentials {
  /** `user`, `DOMAIN\user` or `user@domain.example` (UPN, sent with an empty domain). */
  readonly username: string;
  readonly password: string;
  /** Used when `username` carries no domain of its own. */
  readonly domain?: string;
  /** Shown in the server's logon events; defaults to this host's short name, uppercase. */
  readonly workstation?: string;
}

export interface NtlmClientOptions {
  /** Source of the client challenge (8 bytes, asked first) and the session key (16 bytes). */
  readonly randomBytes?: (n: number) => Buffer;
  /** Time for the client blob when the CHALLENGE carries no MsvAvTimestamp. */
  readonly now?: () => Date;
  /** Service principal name sent as MsvAvTargetName, e.g. `HTTP/node1.example.com`. */
  readonly spn?: string;
}

export interface NtlmClientContext {
  negotiate(): Buffer;
  /**
   * `channelBindings`: MsvAvChannelBindings (channelBindingHash of the TLS server certificate), so
   * that a listener with CbtHardeningLevel Strict accepts the logon; none outside TLS.
   */
  authenticate(challenge: Buffer, channelBindings?: Buffer): Buffer;
  /** The sealing session; throws NtlmError 'not-authenticated' before authenticate() succeeded. */
  session(): NtlmSession;
}

/** Splits `DOMAIN\user`; a UPN (`user@domain`) stays whole with an empty domain, as Windows expects. */
export function splitUsername(username: string, domain = ''): { user: string; domain: string } {
  const slash = username.indexOf('\\');
  if (slash >= 0) return { user: username.slice(slash + 1), domain: username.slice(0, slash) };
  if (username.includes('@')) return { user: username, domain: '' };
  return { user: username, domain };
}

type ClientState =
  | { kind: 'initial' }
  | { kind: 'negotiated'; negotiate: Buffer }
  | { kind: 'authenticated'; session: NtlmSession }
  | { kind: 'failed' };

function wrongState(step: string, kind: ClientState['kind']): NtlmError {
  return new NtlmError('wrong-state', `NTLM client cannot ${step} in state ${kind}`, { step, state: kind });
}

export function createNtlmClientContext(credentials: NtlmCredentials, options: NtlmClientOptions = {}): NtlmClientContext {
  const random = options.randomBytes ?? cryptoRandomBytes;
  const now = options.now ?? (() => new Date());
  const { user, domain } = splitUsername(credentials.username, credentials.domain);
  const workstation = credentials.workstation ?? (hostname().split('.')[0] ?? '').toUpperCase();
  let state: ClientState = { kind: 'initial' };

  function buildAuthenticate(negotiate: Buffer, challengeBytes: Buffer, channelBindings: Buffer | undefined): { message: Buffer; session: NtlmSession } {
    const challenge = decodeChallenge(challengeBytes);
    const missing = missingFlags(challenge.flags, REQUIRED_FLAGS);
    if (missing.length > 0) {
      throw new NtlmError('unsupported-flags', `server did not grant ${missing.join(', ')}`, { missing: missing.join(',') });
    }
    // [MS-NLMP] 3.1.5.1.2: with a server timestamp, use it, announce a MIC and send Z(24) as LM response.
    const timestamp = findAvPair(challenge.targetInfo, AvId.MsvAvTimestamp);
    let pairs = [...challenge.targetInfo];
    if (options.spn !== undefined) pairs = withAvPair(pairs, AvId.MsvAvTargetName, utf16(options.spn));
    if (channelBindings) pairs = withAvPair(pairs, AvId.MsvAvChannelBindings, channelBindings);
    if (timestamp) pairs = withAvFlag(pairs, AvFlags.MIC_PROVIDED);
    const temp = clientBlob(timestamp ?? filetime(now()), random(8), pairs);
    const response = computeNtlmV2Response(ntowfv2(credentials.password, user, domain), challenge.serverChallenge, temp);
    const exportedSessionKey = random(16);
    const unsigned = encodeAuthenticate({
      flags: challenge.flags,
      lmChallengeResponse: timestamp ? Buffer.alloc(24) : response.lmChallengeResponse,
      ntChallengeResponse: response.ntChallengeResponse,
      domain,
      user,
      workstation,
      encryptedRandomSessionKey: rc4k(response.sessionBaseKey, exportedSessionKey),
    });
    const message = timestamp
      ? withMic(unsigned, computeMic(exportedSessionKey, negotiate, challengeBytes, unsigned))
      : unsigned;
    return { message, session: createNtlmSession(exportedSessionKey, 'client') };
  }

  return {
    negotiate() {
      if (state.kind !== 'initial') throw wrongState('negotiate', state.kind);
      const negotiate = encodeNegotiate(CLIENT_NEGOTIATE_FLAGS);
      state = { kind: 'negotiated', negotiate };
      return Buffer.from(negotiate);
    },
    authenticate(challenge, channelBindings) {
      if (state.kind !== 'negotiated') throw wrongState('authenticate', state.kind);
      const { negotiate } = state;
      state = { kind: 'failed' };
      const { message, session } = buildAuthenticate(negotiate, challenge, channelBindings);
      state = { kind: 'authenticated', session };
      return message;
    },
    session() {
      if (state.kind !== 'authenticated') {
        throw new NtlmError('not-authenticated', 'NTLM session requested before authentication completed', {
          state: state.kind,
        });
      }
      return state.session;
    },
  };
}
