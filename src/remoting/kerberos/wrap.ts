/**
 * @module kerberos/wrap: per-message security after the AP exchange ([RFC 4121] 4.2.4, 4.2.6.2):
 * sealed wrap tokens (TOK_ID 05 04, flags, EC 0, RRC, sequence number; the plaintext and a copy of
 * the header encrypted with the context key). The ciphertext is rotated right by 28 bytes, as
 * Windows and MIT's gss_wrap_iov lay it out, so its first 60 bytes are WinRM's "signature" and the
 * rest the encrypted message ([MS-WSMV] 2.2.9.1.1). Sequence numbers are checked in order.
 */
import { KeyUsage, TokenId, WINRM_RRC, WrapFlags } from './constants.js';
import { decrypt, encrypt, type EncryptionKey } from './crypto.js';
import { KerberosError, malformed } from './errors.js';

export interface SealedMessage {
  /** The token header, the rotated HMAC and encrypted header copy, and the confounder: 60 bytes. */
  readonly signature: Buffer;
  readonly sealed: Buffer;
}

export interface KerberosSession {
  seal(plaintext: Buffer): SealedMessage;
  /** Verifies and unseals the next message from the peer; a refused one leaves the session as it was. */
  unseal(sealed: Buffer, signature: Buffer): Buffer;
}

export type KerberosRole = 'initiator' | 'acceptor';

export interface KerberosSessionOptions {
  readonly role: KerberosRole;
  /** The acceptor's subkey when its AP-REP carried one, else the initiator's subkey (or the ticket's session key). */
  readonly key: EncryptionKey;
  readonly acceptorSubkey: boolean;
  /** The first sequence number this side sends (its AP-REQ authenticator's or AP-REP's). */
  readonly sendSeq: number;
  /** The first sequence number the peer sends. */
  readonly receiveSeq: number;
}

const HEADER = 16;

function header(flags: number, rrc: number, seq: number): Buffer {
  const h = Buffer.alloc(HEADER);
  h.writeUInt16BE(TokenId.WRAP, 0);
  h[2] = flags;
  h[3] = 0xff;
  h.writeUInt16BE(0, 4); // EC
  h.writeUInt16BE(rrc, 6);
  h.writeBigUInt64BE(BigInt(seq), 8);
  return h;
}

const rotateRight = (b: Buffer, n: number) => (b.length === 0 ? b : Buffer.concat([b.subarray(b.length - (n % b.length)), b.subarray(0, b.length - (n % b.length))]));
const rotateLeft = (b: Buffer, n: number) => (b.length === 0 ? b : Buffer.concat([b.subarray(n % b.length), b.subarray(0, n % b.length)]));

export function createKerberosSession(options: KerberosSessionOptions): KerberosSession {
  const { role, key } = options;
  const mine = role === 'acceptor' ? WrapFlags.SENT_BY_ACCEPTOR : 0;
  const subkeyFlag = options.acceptorSubkey ? WrapFlags.ACCEPTOR_SUBKEY : 0;
  const sendUsage = role === 'initiator' ? KeyUsage.INITIATOR_SEAL : KeyUsage.ACCEPTOR_SEAL;
  const receiveUsage = role === 'initiator' ? KeyUsage.ACCEPTOR_SEAL : KeyUsage.INITIATOR_SEAL;
  let sendSeq = options.sendSeq;
  let receiveSeq = options.receiveSeq;
  return {
    seal(plaintext) {
      const flags = mine | WrapFlags.SEALED | subkeyFlag;
      const cipher = encrypt(key, sendUsage, Buffer.concat([plaintext, header(flags, 0, sendSeq)]));
      const token = Buffer.concat([header(flags, WINRM_RRC, sendSeq), rotateRight(cipher, WINRM_RRC)]);
      sendSeq = (sendSeq + 1) >>> 0;
      const split = token.length - plaintext.length;
      return { signature: token.subarray(0, split), sealed: token.subarray(split) };
    },
    unseal(sealed, signature) {
      const token = Buffer.concat([signature, sealed]);
      if (token.length < HEADER + 44 || token.readUInt16BE(0) !== TokenId.WRAP || token[3] !== 0xff) throw malformed('wrap token header');
      const flags = token[2] as number;
      if ((flags & WrapFlags.SENT_BY_ACCEPTOR) === mine) throw malformed('wrap token sent in our own direction');
      if (!(flags & WrapFlags.SEALED)) throw malformed('wrap token is not sealed');
      const ec = token.readUInt16BE(4);
      const rrc = token.readUInt16BE(6);
      const seq = Number(token.readBigUInt64BE(8));
      if (seq !== receiveSeq) {
        throw new KerberosError('out-of-sequence', `sealed message has sequence number ${seq}, expected ${receiveSeq}`, { expected: receiveSeq, received: seq });
      }
      const plain = decrypt(key, receiveUsage, rotateLeft(token.subarray(HEADER), rrc));
      const copy = plain.subarray(plain.length - HEADER);
      const expected = Buffer.from(token.subarray(0, HEADER));
      expected.writeUInt16BE(0, 6);
      if (!copy.equals(expected)) throw new KerberosError('integrity', 'the wrap token header does not match its encrypted copy');
      receiveSeq = (receiveSeq + 1) >>> 0;
      return Buffer.from(plain.subarray(0, plain.length - HEADER - ec));
    },
  };
}
