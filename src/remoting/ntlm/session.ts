/**
 * @module ntlm/session: NTLM session security after authentication ([MS-NLMP] 3.4): sealing and
 * signing with extended session security, one persistent RC4 state, key pair and sequence number
 * per direction.
 */
import { timingSafeEqual } from 'node:crypto';
import { MessageSignature } from './constants.js';
import { NtlmError } from './errors.js';
import { deriveSessionKeys, type DirectionKeys } from './keys.js';
import { hmacMd5 } from './ntlmv2.js';
import { createRc4, type Rc4Cipher } from './rc4.js';
import { u32 } from './wire.js';

export interface SealedMessage {
  /** NTLMSSP_MESSAGE_SIGNATURE, 16 bytes: version 1, encrypted checksum, sequence number. */
  readonly signature: Buffer;
  /** The RC4-sealed message, as long as the plaintext. */
  readonly sealed: Buffer;
}

export interface NtlmSession {
  /** Seals the next outgoing message (its sequence number is the count of messages sealed before it). */
  seal(plaintext: Buffer): SealedMessage;
  /**
   * Unseals the next incoming message and verifies its signature; throws NtlmError
   * 'out-of-sequence' (replayed, reordered, dropped) or 'bad-signature' (altered, wrong key).
   * A refused message leaves the session as it was, so the expected message still unseals.
   */
  unseal(sealed: Buffer, signature: Buffer): Buffer;
}

/** Which end of the connection the session belongs to: it seals in its own direction. */
export type NtlmRole = 'client' | 'server';

interface Direction {
  cipher: Rc4Cipher;
  readonly signingKey: Buffer;
  seq: number;
}

/**
 * [MS-NLMP] 3.4.4.2 MAC with extended session security and key exchange:
 * 01000000 ‖ RC4(Handle, HMAC_MD5(SigningKey, SeqNum ‖ Message)[0..7]) ‖ SeqNum.
 * The checksum goes through the same RC4 handle right after the message (3.4.3 SEAL).
 */
function signature(cipher: Rc4Cipher, signingKey: Buffer, seq: number, plaintext: Buffer): Buffer {
  const seqBytes = u32(seq);
  const checksum = cipher.update(hmacMd5(signingKey, seqBytes, plaintext).subarray(0, 8));
  return Buffer.concat([u32(MessageSignature.VERSION), checksum, seqBytes]);
}

function direction(keys: DirectionKeys): Direction {
  return { cipher: createRc4(keys.sealingKey), signingKey: keys.signingKey, seq: 0 };
}

function badSignature(reason: string): NtlmError {
  return new NtlmError('bad-signature', `sealed message refused: ${reason}`, { reason });
}

function checkSignatureShape(sig: Buffer, expectedSeq: number): void {
  if (sig.length !== MessageSignature.LENGTH) throw badSignature(`signature is ${sig.length} bytes, not 16`);
  if (sig.readUInt32LE(0) !== MessageSignature.VERSION) throw badSignature('signature version is not 1');
  const received = sig.readUInt32LE(12);
  if (received !== expectedSeq) {
    throw new NtlmError('out-of-sequence', `sealed message has sequence number ${received}, expected ${expectedSeq}`, {
      expected: expectedSeq,
      received,
    });
  }
}

/** The session for `role`, from the ExportedSessionKey both sides hold after the handshake. */
export function createNtlmSession(exportedSessionKey: Buffer, role: NtlmRole): NtlmSession {
  const keys = deriveSessionKeys(exportedSessionKey);
  const out = direction(role === 'client' ? keys.clientToServer : keys.serverToClient);
  const inbound = direction(role === 'client' ? keys.serverToClient : keys.clientToServer);
  return {
    seal(plaintext) {
      const sealed = out.cipher.update(plaintext);
      const sig = signature(out.cipher, out.signingKey, out.seq, plaintext);
      out.seq = (out.seq + 1) >>> 0;
      return { signature: sig, sealed };
    },
    unseal(sealed, sig) {
      checkSignatureShape(sig, inbound.seq);
      const trial = inbound.cipher.clone();
      const plaintext = trial.update(sealed);
      const expected = signature(trial, inbound.signingKey, inbound.seq, plaintext);
      if (!timingSafeEqual(expected, sig)) throw badSignature('checksum does not match');
      inbound.cipher = trial;
      inbound.seq = (inbound.seq + 1) >>> 0;
      return plaintext;
    },
  };
}
