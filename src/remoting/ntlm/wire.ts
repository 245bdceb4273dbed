/** @module ntlm/wire: byte-level helpers for NTLM messages: payload fields, UTF-16 text, FILETIME. */
import { NtlmError } from './errors.js';

/** UTF-16LE bytes of `text` ([MS-NLMP] 2.2: UNICODE strings carry no terminator). */
export function utf16(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** Uppercase per UTF-16 code unit, keeping characters whose uppercase is longer (as Windows does, e.g. "ß"). */
export function upcase(text: string): string {
  return Array.from(text, (ch) => {
    const up = ch.toUpperCase();
    return up.length === ch.length ? up : ch;
  }).join('');
}

export function malformed(reason: string): NtlmError {
  return new NtlmError('malformed-message', `NTLM message is malformed: ${reason}`, { reason });
}

/** [MS-NLMP] 2.2: a payload field is Len (2), MaxLen (2) and BufferOffset (4), all little-endian. */
export function readPayload(message: Buffer, fieldOffset: number, name: string): Buffer {
  if (fieldOffset + 8 > message.length) throw malformed(`${name} field is truncated`);
  const length = message.readUInt16LE(fieldOffset);
  const offset = message.readUInt32LE(fieldOffset + 4);
  if (length === 0) return Buffer.alloc(0);
  if (offset + length > message.length) throw malformed(`${name} points outside the message`);
  return Buffer.from(message.subarray(offset, offset + length));
}

/**
 * Lays payloads out one after another from `start`; returns the 8-byte field for each and the
 * concatenated payload bytes, to be placed at `start`.
 */
export function layoutPayloads(start: number, payloads: readonly Buffer[]): { fields: Buffer[]; payload: Buffer } {
  let offset = start;
  const fields = payloads.map((p) => {
    if (p.length > 0xffff) throw new RangeError('NTLM payload longer than 65535 bytes');
    const field = Buffer.alloc(8);
    field.writeUInt16LE(p.length, 0);
    field.writeUInt16LE(p.length, 2);
    field.writeUInt32LE(offset, 4);
    offset += p.length;
    return field;
  });
  return { fields, payload: Buffer.concat(payloads) };
}

/** 100-ns intervals between 1601-01-01 and 1970-01-01 ([MS-DTYP] 2.3.3 FILETIME). */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** [MS-DTYP] 2.3.3 FILETIME of `date`, 8 bytes little-endian. */
export function filetime(date: Date): Buffer {
  const value = BigInt(date.getTime()) * 10000n + FILETIME_UNIX_EPOCH;
  if (value < 0n) throw new RangeError('date before 1601 cannot be a FILETIME');
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE(value);
  return out;
}

/** u32 little-endian. */
export function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value >>> 0);
  return out;
}
