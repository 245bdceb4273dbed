/**
 * @module kerberos/der: the small part of ASN.1 DER that Kerberos messages need ([X.690] 8, 10):
 * tag-length-value nodes, context tags [n] EXPLICIT, INTEGER, OCTET STRING, GeneralString,
 * GeneralizedTime, BIT STRING and SEQUENCE (OF).
 */
import { malformed } from './errors.js';

/** [X.690] 8.1.2 identifier octets used by [RFC 4120] 5. */
export const DerTag = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
  GENERALIZED_TIME: 0x18,
  GENERAL_STRING: 0x1b,
} as const;

export interface DerNode {
  readonly tag: number;
  /** The content octets. */
  readonly value: Buffer;
  /** The whole encoding (tag, length, value). */
  readonly raw: Buffer;
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(value.length), value]);
}

export const sequence = (...items: (Buffer | undefined)[]) => tlv(DerTag.SEQUENCE, Buffer.concat(items.filter((i): i is Buffer => i !== undefined)));
/** [n] EXPLICIT, constructed context-specific. */
export const context = (n: number, value: Buffer) => tlv(0xa0 | n, value);
/** [APPLICATION n], constructed. */
export const application = (n: number, value: Buffer) => tlv(0x60 | n, value);
export const octetString = (value: Buffer) => tlv(DerTag.OCTET_STRING, value);
export const generalString = (value: string) => tlv(DerTag.GENERAL_STRING, Buffer.from(value, 'utf8'));

export function integer(value: number): Buffer {
  const bytes: number[] = [];
  let n = BigInt(value);
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n !== 0n && n !== -1n);
  if (value >= 0 && (bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  if (value < 0 && !((bytes[0] ?? 0) & 0x80)) bytes.unshift(0xff);
  return tlv(DerTag.INTEGER, Buffer.from(bytes));
}

/** KerberosTime ([RFC 4120] 5.2.3): `YYYYMMDDHHMMSSZ`, whole seconds. */
export function kerberosTime(ms: number): Buffer {
  const text = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
  return tlv(DerTag.GENERALIZED_TIME, Buffer.from(text, 'ascii'));
}

/** A 32-bit BIT STRING (KerberosFlags, [RFC 4120] 5.2.8), bit 0 the most significant. */
export function flags32(bits: number): Buffer {
  const value = Buffer.alloc(5);
  value.writeUInt32BE(bits >>> 0, 1);
  return tlv(DerTag.BIT_STRING, value);
}

/** Reads one node at `offset`; returns it and where the next begins. */
export function readNode(buf: Buffer, offset = 0): { node: DerNode; next: number } {
  if (offset + 2 > buf.length) throw malformed('DER node runs past the end');
  const tag = buf[offset] as number;
  let length = buf[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > buf.length) throw malformed('DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[start + i] as number);
    start += count;
  }
  const end = start + length;
  if (end > buf.length) throw malformed('DER value runs past the end');
  return { node: { tag, value: buf.subarray(start, end), raw: buf.subarray(offset, end) }, next: end };
}

/** The one node that makes up `buf` (trailing bytes refused), checking its tag. */
export function parse(buf: Buffer, tag?: number): DerNode {
  const { node, next } = readNode(buf);
  if (next !== buf.length) throw malformed('trailing bytes after DER value');
  if (tag !== undefined && node.tag !== tag) throw malformed(`tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return node;
}

export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.value.length; ) {
    const { node: child, next } = readNode(node.value, offset);
    out.push(child);
    offset = next;
  }
  return out;
}

/** The fields of a SEQUENCE of [n] EXPLICIT members, by n (the inner node of each). */
export function fields(node: DerNode): Map<number, DerNode> {
  const seq = node.tag === DerTag.SEQUENCE ? node : parse(node.value, DerTag.SEQUENCE);
  const out = new Map<number, DerNode>();
  for (const child of children(seq)) {
    if ((child.tag & 0xe0) !== 0xa0) throw malformed('expected a context tag');
    out.set(child.tag & 0x1f, parse(child.value));
  }
  return out;
}

export function required(map: Map<number, DerNode>, n: number, what: string): DerNode {
  const node = map.get(n);
  if (!node) throw malformed(`${what} is missing`);
  return node;
}

export function readInteger(node: DerNode): number {
  if (node.tag !== DerTag.INTEGER || node.value.length === 0 || node.value.length > 6) throw malformed('INTEGER');
  return node.value.readIntBE(0, node.value.length);
}

export const readOctets = (node: DerNode) => {
  if (node.tag !== DerTag.OCTET_STRING) throw malformed('OCTET STRING');
  return Buffer.from(node.value);
};

export const readString = (node: DerNode) => {
  if (node.tag !== DerTag.GENERAL_STRING) throw malformed('GeneralString');
  return node.value.toString('utf8');
};

export function readTime(node: DerNode): number {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(node.value.toString('ascii'));
  if (node.tag !== DerTag.GENERALIZED_TIME || !m) throw malformed('KerberosTime');
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}
