/**
 * @module psrp/fragment: [MS-PSRP] 2.2.4 Packet Fragment. A message is split into fragments
 * (ObjectId, FragmentId, Start/End flags, BlobLength, Blob; big-endian); the reassembler joins
 * them back and refuses fragments that are too large, out of order, or messages that grow too big.
 */
import { Fragment } from './constants.js';
import { FragmentOutOfOrderError, FragmentTooLargeError, MalformedMessageError, MessageTooLargeError } from './errors.js';

export interface FragmentParts {
  readonly objectId: bigint;
  readonly fragmentId: bigint;
  readonly start: boolean;
  readonly end: boolean;
  readonly blob: Buffer;
}

export function encodeFragment(f: FragmentParts): Buffer {
  const header = Buffer.alloc(Fragment.headerLength);
  header.writeBigUInt64BE(f.objectId, 0);
  header.writeBigUInt64BE(f.fragmentId, 8);
  header.writeUInt8((f.start ? Fragment.start : 0) | (f.end ? Fragment.end : 0), 16);
  header.writeUInt32BE(f.blob.length, 17);
  return Buffer.concat([header, f.blob]);
}

/** Splits one message into fragments whose blobs are at most `maxBlob` bytes. */
export function fragmentMessage(objectId: bigint, message: Buffer, maxBlob: number): Buffer[] {
  if (maxBlob < 1) throw new MalformedMessageError('there is no room for a fragment in an envelope');
  const result: Buffer[] = [];
  let offset = 0;
  let fragmentId = 0n;
  do {
    const blob = message.subarray(offset, offset + maxBlob);
    offset += blob.length;
    result.push(encodeFragment({ objectId, fragmentId, start: fragmentId === 0n, end: offset >= message.length, blob }));
    fragmentId += 1n;
  } while (offset < message.length);
  return result;
}

export interface ReassemblerLimits {
  /** Largest blob of one fragment; WinRM's MaxEnvelopeSize bounds it in practice. */
  readonly maxFragmentBytes: number;
  /** Largest reassembled message. */
  readonly maxMessageBytes: number;
}

export const DefaultReassemblerLimits: ReassemblerLimits = { maxFragmentBytes: 4 * 1024 * 1024, maxMessageBytes: 64 * 1024 * 1024 };

interface Partial {
  objectId: bigint;
  next: bigint;
  parts: Buffer[];
  size: number;
}

/** Joins fragments of one stream (fragments of different objects never interleave). */
export class Reassembler {
  private partial: Partial | undefined;
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly limits: ReassemblerLimits = DefaultReassemblerLimits) {}

  /** Feeds raw bytes (any number of whole or split fragments); returns the messages completed. */
  push(data: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
    const messages: Buffer[] = [];
    while (this.pending.length >= Fragment.headerLength) {
      const length = this.pending.readUInt32BE(17);
      const objectId = this.pending.readBigUInt64BE(0);
      if (length > this.limits.maxFragmentBytes) throw new FragmentTooLargeError(objectId, length, this.limits.maxFragmentBytes);
      if (this.pending.length < Fragment.headerLength + length) break;
      const flags = this.pending.readUInt8(16);
      const fragment: FragmentParts = {
        objectId,
        fragmentId: this.pending.readBigUInt64BE(8),
        start: (flags & Fragment.start) !== 0,
        end: (flags & Fragment.end) !== 0,
        blob: this.pending.subarray(Fragment.headerLength, Fragment.headerLength + length),
      };
      this.pending = this.pending.subarray(Fragment.headerLength + length);
      const message = this.accept(fragment);
      if (message) messages.push(message);
    }
    return messages;
  }

  private accept(f: FragmentParts): Buffer | undefined {
    if (f.start) {
      if (this.partial || f.fragmentId !== 0n) {
        throw new FragmentOutOfOrderError(f.objectId, f.fragmentId, this.partial ? `fragment ${this.partial.next} of object ${this.partial.objectId}` : 'fragment 0');
      }
      this.partial = { objectId: f.objectId, next: 0n, parts: [], size: 0 };
    }
    const partial = this.partial;
    if (!partial || partial.objectId !== f.objectId || partial.next !== f.fragmentId) {
      throw new FragmentOutOfOrderError(f.objectId, f.fragmentId, partial ? `fragment ${partial.next} of object ${partial.objectId}` : 'a start fragment');
    }
    partial.size += f.blob.length;
    if (partial.size > this.limits.maxMessageBytes) {
      this.partial = undefined;
      throw new MessageTooLargeError(f.objectId, this.limits.maxMessageBytes);
    }
    partial.parts.push(Buffer.from(f.blob));
    partial.next += 1n;
    if (!f.end) return undefined;
    this.partial = undefined;
    return Buffer.concat(partial.parts);
  }
}
