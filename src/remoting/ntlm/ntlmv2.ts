/**
 * @module ntlm/ntlmv2: the NTLMv2 computations of [MS-NLMP] 3.3.2 (NTOWFv2, the client blob,
 * NTProofStr, the responses, the session base key) and the MIC of 3.1.5.1.2.
 */
import { createHash, createHmac } from 'node:crypto';
import { decodeAvPairs, encodeAvPairs, type AvPair } from './av-pairs.js';
import { md4 } from './md4.js';
import { malformed, upcase, utf16 } from './wire.js';

export function hmacMd5(key: Uint8Array, ...data: Uint8Array[]): Buffer {
  const h = createHmac('md5', key);
  data.forEach((d) => h.update(d));
  return h.digest();
}

export function md5(...data: Uint8Array[]): Buffer {
  const h = createHash('md5');
  data.forEach((d) => h.update(d));
  return h.digest();
}

/** [MS-NLMP] 3.3.1 NTOWFv1 = MD4(UNICODE(Passwd)). */
export function ntowfv1(password: string): Buffer {
  return md4(utf16(password));
}

/** [MS-NLMP] 3.3.2 NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(User) ‖ UserDom)); also ResponseKeyLM. */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(ntowfv1(password), utf16(upcase(user) + domain));
}

/** Offsets inside the client blob ("temp", [MS-NLMP] 2.2.2.7 NTLMv2_CLIENT_CHALLENGE). */
const BLOB = { TIMESTAMP: 8, CLIENT_CHALLENGE: 16, AV_PAIRS: 28 } as const;

/**
 * [MS-NLMP] 3.3.2 temp = Responserversion (1) ‖ HiResponserversion (1) ‖ Z(6) ‖ Time ‖
 * ClientChallenge ‖ Z(4) ‖ AvPairs (with EOL) ‖ Z(4).
 */
export function clientBlob(time: Buffer, clientChallenge: Buffer, avPairs: readonly AvPair[]): Buffer {
  if (time.length !== 8 || clientChallenge.length !== 8) throw new RangeError('time and client challenge are 8 bytes');
  return Buffer.concat([
    Buffer.from([1, 1, 0, 0, 0, 0, 0, 0]),
    time,
    clientChallenge,
    Buffer.alloc(4),
    encodeAvPairs(avPairs),
    Buffer.alloc(4),
  ]);
}

export interface ClientBlob {
  readonly time: Buffer;
  readonly clientChallenge: Buffer;
  readonly avPairs: AvPair[];
}

/** Reads a client blob back (the server side of [MS-NLMP] 3.2.5.1.2). */
export function parseClientBlob(temp: Buffer): ClientBlob {
  if (temp.length < BLOB.AV_PAIRS + 4 || temp[0] !== 1 || temp[1] !== 1) throw malformed('not an NTLMv2 client blob');
  return {
    time: Buffer.from(temp.subarray(BLOB.TIMESTAMP, BLOB.TIMESTAMP + 8)),
    clientChallenge: Buffer.from(temp.subarray(BLOB.CLIENT_CHALLENGE, BLOB.CLIENT_CHALLENGE + 8)),
    avPairs: decodeAvPairs(temp.subarray(BLOB.AV_PAIRS)),
  };
}

export interface NtlmV2Response {
  /** NTProofStr ‖ temp. */
  readonly ntChallengeResponse: Buffer;
  /** HMAC_MD5(ResponseKeyLM, ServerChallenge ‖ ClientChallenge) ‖ ClientChallenge. */
  readonly lmChallengeResponse: Buffer;
  readonly ntProofStr: Buffer;
  /** Also the KeyExchangeKey in NTLMv2 ([MS-NLMP] 3.4.5.1). */
  readonly sessionBaseKey: Buffer;
}

/** [MS-NLMP] 3.3.2 ComputeResponse for NTLMv2, from the response key and the client blob. */
export function computeNtlmV2Response(responseKey: Buffer, serverChallenge: Buffer, temp: Buffer): NtlmV2Response {
  const ntProofStr = hmacMd5(responseKey, serverChallenge, temp);
  const clientChallenge = temp.subarray(BLOB.CLIENT_CHALLENGE, BLOB.CLIENT_CHALLENGE + 8);
  return {
    ntChallengeResponse: Buffer.concat([ntProofStr, temp]),
    lmChallengeResponse: Buffer.concat([hmacMd5(responseKey, serverChallenge, clientChallenge), clientChallenge]),
    ntProofStr,
    sessionBaseKey: hmacMd5(responseKey, ntProofStr),
  };
}

/** [MS-NLMP] 3.1.5.1.2 MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE-with-zero-MIC). */
export function computeMic(exportedSessionKey: Buffer, negotiate: Buffer, challenge: Buffer, authenticate: Buffer): Buffer {
  return hmacMd5(exportedSessionKey, negotiate, challenge, authenticate);
}
