/**
 * @module ntlm/messages: the three NTLM messages on the wire ([MS-NLMP] 2.2.1.1–2.2.1.3):
 * NEGOTIATE, CHALLENGE and AUTHENTICATE, encoded and decoded with bounds checks.
 */
import { decodeAvPairs, encodeAvPairs, type AvPair } from './av-pairs.js';
import { MessageType, NegotiateFlags, NtlmSignature, NtlmVersion, hasFlag } from './constants.js';
import { layoutPayloads, malformed, readPayload, utf16 } from './wire.js';

/** [MS-NLMP] 2.2.2.10 VERSION structure, 8 bytes. */
function versionBytes(): Buffer {
  const v = Buffer.alloc(8);
  v.writeUInt8(NtlmVersion.PRODUCT_MAJOR, 0);
  v.writeUInt8(NtlmVersion.PRODUCT_MINOR, 1);
  v.writeUInt16LE(NtlmVersion.PRODUCT_BUILD, 2);
  v.writeUInt8(NtlmVersion.NTLMSSP_REVISION_W2K3, 7);
  return v;
}

function header(type: number): Buffer {
  const h = Buffer.alloc(12);
  NtlmSignature.copy(h, 0);
  h.writeUInt32LE(type, 8);
  return h;
}

function checkHeader(message: Buffer, type: number, minLength: number): void {
  if (message.length < minLength) throw malformed(`message shorter than ${minLength} bytes`);
  if (!message.subarray(0, 8).equals(NtlmSignature)) throw malformed('no NTLMSSP signature');
  const actual = message.readUInt32LE(8);
  if (actual !== type) throw malformed(`message type ${actual}, expected ${type}`);
}

function flagsBytes(flags: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(flags >>> 0);
  return b;
}

const text = (bytes: Buffer, flags: number): string =>
  bytes.toString(hasFlag(flags, NegotiateFlags.UNICODE) ? 'utf16le' : 'latin1');

// ---- NEGOTIATE_MESSAGE [MS-NLMP] 2.2.1.1 ----

const NEGOTIATE_FIXED = 40; // signature, type, flags, DomainNameFields, WorkstationFields, Version

/** NEGOTIATE with `flags`, no OEM domain or workstation, and a VERSION. */
export function encodeNegotiate(flags: number): Buffer {
  const { fields } = layoutPayloads(NEGOTIATE_FIXED, [Buffer.alloc(0), Buffer.alloc(0)]);
  return Buffer.concat([header(MessageType.NEGOTIATE), flagsBytes(flags), ...fields, versionBytes()]);
}

export interface NegotiateMessage {
  readonly flags: number;
}

export function decodeNegotiate(message: Buffer): NegotiateMessage {
  checkHeader(message, MessageType.NEGOTIATE, 16);
  return { flags: message.readUInt32LE(12) };
}

// ---- CHALLENGE_MESSAGE [MS-NLMP] 2.2.1.2 ----

const CHALLENGE_FIXED = 56; // …, TargetNameFields, flags, ServerChallenge, Reserved, TargetInfoFields, Version

export interface ChallengeMessage {
  readonly flags: number;
  readonly serverChallenge: Buffer;
  readonly targetName: string;
  readonly targetInfo: readonly AvPair[];
}

export function encodeChallenge(challenge: ChallengeMessage): Buffer {
  if (challenge.serverChallenge.length !== 8) throw new RangeError('ServerChallenge must be 8 bytes');
  const name = challenge.targetName === '' ? Buffer.alloc(0) : utf16(challenge.targetName);
  const { fields, payload } = layoutPayloads(CHALLENGE_FIXED, [name, encodeAvPairs(challenge.targetInfo)]);
  return Buffer.concat([
    header(MessageType.CHALLENGE),
    fields[0]!,
    flagsBytes(challenge.flags),
    challenge.serverChallenge,
    Buffer.alloc(8),
    fields[1]!,
    versionBytes(),
    payload,
  ]);
}

export function decodeChallenge(message: Buffer): ChallengeMessage {
  checkHeader(message, MessageType.CHALLENGE, 48);
  const flags = message.readUInt32LE(20);
  const infoBytes = readPayload(message, 40, 'TargetInfo');
  return {
    flags,
    serverChallenge: Buffer.from(message.subarray(24, 32)),
    targetName: text(readPayload(message, 12, 'TargetName'), flags),
    targetInfo: infoBytes.length === 0 ? [] : decodeAvPairs(infoBytes),
  };
}

// ---- AUTHENTICATE_MESSAGE [MS-NLMP] 2.2.1.3 ----

/** Offset of the MIC in an AUTHENTICATE we build: after the fixed fields (64) and the VERSION (8). */
export const AUTHENTICATE_MIC_OFFSET = 72;
const AUTHENTICATE_FIXED = 88;
/** Offsets of the six payload fields: Lm, Nt, Domain, User, Workstation, EncryptedRandomSessionKey. */
const FIELD_OFFSETS = [12, 20, 28, 36, 44, 52] as const;

export interface AuthenticateMessage {
  readonly flags: number;
  readonly lmChallengeResponse: Buffer;
  readonly ntChallengeResponse: Buffer;
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
  readonly encryptedRandomSessionKey: Buffer;
  /** The MIC bytes, or undefined when the message has no room for one. */
  readonly mic?: Buffer;
}

/** AUTHENTICATE with VERSION and a MIC field (zeros unless `mic` is given). Strings are UTF-16LE. */
export function encodeAuthenticate(auth: AuthenticateMessage): Buffer {
  const { fields, payload } = layoutPayloads(AUTHENTICATE_FIXED, [
    auth.lmChallengeResponse,
    auth.ntChallengeResponse,
    utf16(auth.domain),
    utf16(auth.user),
    utf16(auth.workstation),
    auth.encryptedRandomSessionKey,
  ]);
  const mic = auth.mic ?? Buffer.alloc(16);
  if (mic.length !== 16) throw new RangeError('MIC must be 16 bytes');
  return Buffer.concat([header(MessageType.AUTHENTICATE), ...fields, flagsBytes(auth.flags), versionBytes(), mic, payload]);
}

/** Where the MIC sits, judged as pyspnego does from the first payload offset (VERSION and MIC are optional). */
export function authenticateMicOffset(message: Buffer): number | undefined {
  const offsets = FIELD_OFFSETS.filter((f) => message.readUInt16LE(f) > 0).map((f) => message.readUInt32LE(f + 4));
  const first = Math.min(message.length, ...offsets);
  if (first >= 88) return 72;
  if (first >= 80) return 64;
  return undefined;
}

export function decodeAuthenticate(message: Buffer): AuthenticateMessage {
  checkHeader(message, MessageType.AUTHENTICATE, 64);
  const flags = message.readUInt32LE(60);
  const [lm, nt, domain, user, workstation, key] = FIELD_OFFSETS.map((f) => readPayload(message, f, `field at ${f}`));
  const at = authenticateMicOffset(message);
  return {
    flags,
    lmChallengeResponse: lm!,
    ntChallengeResponse: nt!,
    domain: text(domain!, flags),
    user: text(user!, flags),
    workstation: text(workstation!, flags),
    encryptedRandomSessionKey: key!,
    ...(at === undefined ? {} : { mic: Buffer.from(message.subarray(at, at + 16)) }),
  };
}

/** A copy of an AUTHENTICATE message with the MIC field at `offset` replaced by `mic`. */
export function withMic(message: Buffer, mic: Buffer, offset = AUTHENTICATE_MIC_OFFSET): Buffer {
  const copy = Buffer.from(message);
  mic.copy(copy, offset);
  return copy;
}
