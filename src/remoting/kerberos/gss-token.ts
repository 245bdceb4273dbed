/**
 * @module kerberos/gss-token: the GSS-API framing of the Kerberos context tokens ([RFC 2743]
 * 3.1, [RFC 4121] 4.1): 0x60, length, the mechanism OID, a two-byte TOK_ID, the message; and the
 * authenticator checksum 0x8003 that carries the channel binding hash and the context flags.
 */
import { KRB5_MECH_OID } from './constants.js';
import { readNode, tlv } from './der.js';
import { malformed } from './errors.js';

export function frameToken(tokenId: number, message: Buffer): Buffer {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(tokenId);
  return tlv(0x60, Buffer.concat([KRB5_MECH_OID, id, message]));
}

/** Whether `token` starts like a framed Kerberos token (NTLM tokens start with "NTLMSSP"). */
export function isKerberosToken(token: Buffer): boolean {
  return token[0] === 0x60 && token.includes(KRB5_MECH_OID);
}

export function unframeToken(token: Buffer): { tokenId: number; message: Buffer } {
  const { node, next } = readNode(token);
  if (node.tag !== 0x60 || next !== token.length) throw malformed('GSS token framing');
  const inner = node.value;
  if (!inner.subarray(0, KRB5_MECH_OID.length).equals(KRB5_MECH_OID)) throw malformed('GSS token is not Kerberos V5');
  if (inner.length < KRB5_MECH_OID.length + 2) throw malformed('GSS token has no TOK_ID');
  return { tokenId: inner.readUInt16BE(KRB5_MECH_OID.length), message: Buffer.from(inner.subarray(KRB5_MECH_OID.length + 2)) };
}

/** [RFC 4121] 4.1.1: Lgth (16) ‖ Bnd ‖ Flags, little-endian. */
export function gssChecksum(bindingHash: Buffer | undefined, flags: number): Buffer {
  const value = Buffer.alloc(24);
  value.writeUInt32LE(16, 0);
  bindingHash?.copy(value, 4, 0, 16);
  value.writeUInt32LE(flags, 20);
  return value;
}

export function readGssChecksum(value: Buffer): { bindingHash: Buffer; flags: number } {
  if (value.length < 24 || value.readUInt32LE(0) !== 16) throw malformed('GSS authenticator checksum');
  return { bindingHash: Buffer.from(value.subarray(4, 20)), flags: value.readUInt32LE(20) };
}
