/** @module ntlm/av-pairs: [MS-NLMP] 2.2.2.1 AV_PAIR lists (the CHALLENGE's TargetInfo and the client blob's copy). */
import { AvId } from './constants.js';
import { malformed, u32 } from './wire.js';

export interface AvPair {
  readonly id: number;
  readonly value: Buffer;
}

/** Parses an AV_PAIR list up to MsvAvEOL; a list without its EOL is malformed. */
export function decodeAvPairs(bytes: Buffer): AvPair[] {
  const pairs: AvPair[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const id = bytes.readUInt16LE(offset);
    const length = bytes.readUInt16LE(offset + 2);
    offset += 4;
    if (id === AvId.MsvAvEOL) return pairs;
    if (offset + length > bytes.length) throw malformed('AV_PAIR value runs past TargetInfo');
    pairs.push({ id, value: Buffer.from(bytes.subarray(offset, offset + length)) });
    offset += length;
  }
  throw malformed('TargetInfo has no MsvAvEOL');
}

/** Serializes pairs and the terminating MsvAvEOL. */
export function encodeAvPairs(pairs: readonly AvPair[]): Buffer {
  const parts = pairs.flatMap((p) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(p.id, 0);
    head.writeUInt16LE(p.value.length, 2);
    return [head, p.value];
  });
  return Buffer.concat([...parts, Buffer.alloc(4)]);
}

export function findAvPair(pairs: readonly AvPair[], id: number): Buffer | undefined {
  return pairs.find((p) => p.id === id)?.value;
}

/** A copy of `pairs` with `id` set to `value` (replaced in place if present, else appended). */
export function withAvPair(pairs: readonly AvPair[], id: number, value: Buffer): AvPair[] {
  return pairs.some((p) => p.id === id)
    ? pairs.map((p) => (p.id === id ? { id, value } : p))
    : [...pairs, { id, value }];
}

/** MsvAvFlags as a number (0 when absent). */
export function avFlags(pairs: readonly AvPair[]): number {
  const value = findAvPair(pairs, AvId.MsvAvFlags);
  return value && value.length >= 4 ? value.readUInt32LE(0) : 0;
}

/** A copy of `pairs` whose MsvAvFlags has `flag` ORed in. */
export function withAvFlag(pairs: readonly AvPair[], flag: number): AvPair[] {
  return withAvPair(pairs, AvId.MsvAvFlags, u32((avFlags(pairs) | flag) >>> 0));
}
