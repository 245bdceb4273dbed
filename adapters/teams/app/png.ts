/**
 * @module teams/app/png: a minimal PNG encoder for the app icons: 8-bit RGBA, no
 * interlace, filter 0 on every row (PNG specification, 3rd ed., 5 and 11.2).
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/** PNG signature and chunk types (PNG spec 5.2, 11.2). */
const PNG = {
  signature: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  colourTypeRgba: 6,
  bitDepth: 8,
} as const;

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, rows top to bottom. */
  pixels: Uint8Array;
}

export function createRgba(width: number, height: number): Rgba {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}

export function encodePng(image: Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header.writeUInt8(PNG.bitDepth, 8);
  header.writeUInt8(PNG.colourTypeRgba, 9); // compression 0, filter 0, interlace 0 follow
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) Buffer.from(image.pixels.buffer, image.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  return Buffer.concat([PNG.signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
