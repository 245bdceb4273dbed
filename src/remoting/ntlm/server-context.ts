/**
 * @module ntlm/server-context: the NTLMv2 acceptor ([MS-NLMP] 3.2.5) for the WinRM simulator:
 * CHALLENGE with a timestamp, then AUTHENTICATE verified (NTProofStr, MIC), then the server's
 * sealing session. NTLMv1, anonymous logons and weak flag sets are refused.
 */
import { randomBytes as cryptoRandomBytes, timingSafeEqual } from 'node:crypto';
import { avFlags, findAvPair, type AvPair } from './av-pairs.js';
import { isAbsentChannelBinding } from './channel-bindings.js';
import { AvFlags, AvId, CLIENT_NEGOTIATE_FLAGS, NegotiateFlags, REQUIRED_FLAGS, combineFlags, missingFlags } from './constants.js';
import { NtlmError } from './errors.js';
import {
  authenticateMicOffset,
  decodeAuthenticate,
  decodeNegotiate,
  encodeChallenge,
  withMic,
  type AuthenticateMessage,
} from './messages.js';
import { computeMic, computeNtlmV2Response, ntowfv2, parseClientBlob } from './ntlmv2.js';
import { rc4k } from './rc4.js';
import { createNtlmSession, type NtlmSession } from './session.js';
import { filetime, malformed, utf16 } from './wire.js';

export interface NtlmServerOptions {
  /** NetBIOS-style server (and domain) name announced in the CHALLENGE. */
  readonly targetName: string;
  /** The password of `user` in `domain` (as the client sent them), or undefined if unknown. */
  readonly lookupPassword: (user: string, domain: string) => string | undefined;
  readonly randomBytes?: (n: number) => Buffer;
  readonly now?: () => Date;
  /**
   * Insist on sealing (REQUIRED_FLAGS): true by default, as over plain HTTP where every message
   * is sealed. Over HTTPS, Windows answers a NEGOTIATE that asks for neither signing nor sealing
   * (Go's go-ntlmssp, for one); NTLMv2 responses are still required.
   */
  readonly requireSealing?: boolean;
  /** Channel binding over TLS ([MS-NLMP] 3.2.5.1.2, WinRM's CbtHardeningLevel); none when absent. */
  readonly channelBinding?: ChannelBindingPolicy;
}

export interface ChannelBindingPolicy {
  /** MsvAvChannelBindings of this TLS listener (channelBindingHash of its certificate). */
  readonly expected: Buffer;
  /** strict: a client must send it; relaxed: a client that sends one must send the right one. */
  readonly hardening: 'strict' | 'relaxed';
}

export interface NtlmAcceptResult {
  readonly user: string;
  readonly domain: string;
  readonly session: NtlmSession;
  /** The client negotiated sealing (REQUIRED_FLAGS): `session` can unseal its messages. Always so with requireSealing. */
  readonly sealing: boolean;
}

export interface NtlmServerContext {
  challenge(negotiate: Buffer): Buffer;
  accept(authenticate: Buffer): NtlmAcceptResult;
}

type ServerState =
  | { kind: 'initial' }
  | { kind: 'challenged'; negotiate: Buffer; challenge: Buffer; serverChallenge: Buffer }
  | { kind: 'done' };

/**
 * What a NEGOTIATE must ask for: the security flags of REQUIRED_FLAGS. UNICODE and NTLM may be
 * missing, as in ntlm-auth's (pywinrm's) NEGOTIATE, which offers OEM and leaves NTLM unset when
 * it wants NTLMv2 only; Windows answers such a client, and the CHALLENGE sets both for it.
 */
const NEGOTIATE_REQUIRED_FLAGS = REQUIRED_FLAGS & ~(NegotiateFlags.UNICODE | NegotiateFlags.NTLM);

function requireFlags(flags: number, who: string, required = REQUIRED_FLAGS): void {
  const missing = missingFlags(flags, required);
  if (missing.length > 0) {
    throw new NtlmError('unsupported-flags', `${who} lacks ${missing.join(', ')}`, { missing: missing.join(',') });
  }
}

function targetInfo(name: string, now: Date): AvPair[] {
  return [
    { id: AvId.MsvAvNbDomainName, value: utf16(name) },
    { id: AvId.MsvAvNbComputerName, value: utf16(name) },
    { id: AvId.MsvAvDnsComputerName, value: utf16(name.toLowerCase()) },
    { id: AvId.MsvAvTimestamp, value: filetime(now) },
  ];
}

const equal = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

/**
 * [MS-NLMP] 3.2.5.1.2: a MIC announced in MsvAvFlags must match. Where sealing is required it must
 * be there (we always send a timestamp); over TLS, Windows also accepts clients that send none
 * (go-ntlmssp), as `optional` says.
 */
function verifyMic(raw: Buffer, auth: AuthenticateMessage, pairs: AvPair[], expected: (zeroed: Buffer) => Buffer, optional: boolean): void {
  const offset = authenticateMicOffset(raw);
  const announced = (avFlags(pairs) & AvFlags.MIC_PROVIDED) !== 0;
  if (optional && !announced) return;
  if (!announced || auth.mic === undefined || offset === undefined) {
    throw new NtlmError('bad-mic', 'AUTHENTICATE carries no MIC although the CHALLENGE had a timestamp', { reason: 'missing' });
  }
  if (!equal(expected(withMic(raw, Buffer.alloc(16), offset)), auth.mic)) {
    throw new NtlmError('bad-mic', 'AUTHENTICATE MIC does not match the handshake messages', { reason: 'mismatch' });
  }
}

/** [MS-NLMP] 3.2.5.1.2: the client's MsvAvChannelBindings against the listener's policy. */
function verifyChannelBinding(pairs: AvPair[], policy: ChannelBindingPolicy | undefined): void {
  if (!policy) return;
  const sent = findAvPair(pairs, AvId.MsvAvChannelBindings);
  if (isAbsentChannelBinding(sent)) {
    if (policy.hardening === 'strict') throw new NtlmError('bad-channel-binding', 'AUTHENTICATE carries no channel binding, which this listener requires', { reason: 'missing' });
    return;
  }
  if (!equal(sent ?? Buffer.alloc(0), policy.expected)) {
    throw new NtlmError('bad-channel-binding', 'AUTHENTICATE is bound to another TLS channel (another certificate)', { reason: 'mismatch' });
  }
}

export function createNtlmServerContext(options: NtlmServerOptions): NtlmServerContext {
  const random = options.randomBytes ?? cryptoRandomBytes;
  const now = options.now ?? (() => new Date());
  const sealing = options.requireSealing ?? true;
  let state: ServerState = { kind: 'initial' };

  function verify(s: Extract<ServerState, { kind: 'challenged' }>, raw: Buffer): NtlmAcceptResult {
    const auth = decodeAuthenticate(raw);
    const nt = auth.ntChallengeResponse;
    if (nt.length <= 24) throw malformed('NTLMv1 or anonymous responses are not accepted');
    if (sealing) requireFlags(auth.flags, 'AUTHENTICATE');
    const password = auth.user === '' ? undefined : options.lookupPassword(auth.user, auth.domain);
    if (password === undefined) {
      throw new NtlmError('unknown-user', `no such user ${auth.domain}\\${auth.user}`, { user: auth.user, domain: auth.domain });
    }
    const temp = nt.subarray(16);
    const blob = parseClientBlob(temp);
    const response = computeNtlmV2Response(ntowfv2(password, auth.user, auth.domain), s.serverChallenge, temp);
    if (!equal(response.ntProofStr, nt.subarray(0, 16))) {
      throw new NtlmError('bad-credentials', `wrong password for ${auth.domain}\\${auth.user}`, { user: auth.user, domain: auth.domain });
    }
    verifyChannelBinding(blob.avPairs, options.channelBinding);
    // [MS-NLMP] 3.2.5.1.2: with KEY_EXCH the client picks the key; without, it is KXKEY (the session base key in NTLMv2).
    const keyExchange = (auth.flags & NegotiateFlags.KEY_EXCH) !== 0;
    if (keyExchange && auth.encryptedRandomSessionKey.length !== 16) throw malformed('EncryptedRandomSessionKey is not 16 bytes');
    const exportedSessionKey = keyExchange ? rc4k(response.sessionBaseKey, auth.encryptedRandomSessionKey) : response.sessionBaseKey;
    verifyMic(raw, auth, blob.avPairs, (zeroed) => computeMic(exportedSessionKey, s.negotiate, s.challenge, zeroed), !sealing);
    const canSeal = missingFlags(auth.flags, REQUIRED_FLAGS).length === 0;
    return { user: auth.user, domain: auth.domain, session: createNtlmSession(exportedSessionKey, 'server'), sealing: canSeal };
  }

  return {
    challenge(negotiate) {
      if (state.kind !== 'initial') throw new NtlmError('wrong-state', 'NTLM server already sent its CHALLENGE', { state: state.kind });
      state = { kind: 'done' };
      const { flags } = decodeNegotiate(negotiate);
      if (sealing) requireFlags(flags, 'NEGOTIATE', NEGOTIATE_REQUIRED_FLAGS);
      const serverChallenge = random(8);
      const challenge = encodeChallenge({
        flags: combineFlags(
          flags & CLIENT_NEGOTIATE_FLAGS,
          // ntlm-auth takes OEM off the CHALLENGE's flags by subtraction: it must find it there.
          flags & NegotiateFlags.OEM,
          NegotiateFlags.UNICODE,
          NegotiateFlags.NTLM,
          NegotiateFlags.TARGET_INFO,
          NegotiateFlags.TARGET_TYPE_SERVER,
        ),
        serverChallenge,
        targetName: options.targetName,
        targetInfo: targetInfo(options.targetName, now()),
      });
      state = { kind: 'challenged', negotiate: Buffer.from(negotiate), challenge, serverChallenge };
      return Buffer.from(challenge);
    },
    accept(authenticate) {
      if (state.kind !== 'challenged') throw new NtlmError('wrong-state', 'NTLM server has no CHALLENGE outstanding', { state: state.kind });
      const current = state;
      state = { kind: 'done' };
      return verify(current, authenticate);
    },
  };
}
