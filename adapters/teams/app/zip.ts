/**
 * @module teams/app/zip: a small ZIP writer (deflate, no directories, fixed timestamps so
 * the same inputs give the same bytes), enough for a Teams app package (APPNOTE 6.3.x,
 * 4.3.7 local header, 4.3.12 central directory, 4.3.16 end of central directory).
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/** [APPNOTE] 4.3.7, 4.3.12, 4.3.16 signatures; 4.4.5 method 8 = deflate; 1980-01-01 00:00 in DOS time. */
const ZIP = {
  localHeader: 0x04034b50,
  centralHeader: 0x02014b50,
  endOfCentral: 0x06054b50,
  version: 20,
  deflate: 8,
  dosTime: 0,
  dosDate: (0 << 9) | (1 << 5) | 1,
} as const;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(ZIP.localHeader, 0);
    writeCommon(local, 4, crc, packed.length, entry.data.length, name.length);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(ZIP.centralHeader, 0);
    central.writeUInt16LE(ZIP.version, 4); // version made by
    writeCommon(central, 6, crc, packed.length, entry.data.length, name.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(ZIP.endOfCentral, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The fields local and central headers share, from "version needed" to "file name length". */
function writeCommon(b: Buffer, at: number, crc: number, packed: number, size: number, nameLength: number): void {
  b.writeUInt16LE(ZIP.version, at);
  b.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
  b.writeUInt16LE(ZIP.deflate, at + 4);
  b.writeUInt16LE(ZIP.dosTime, at + 6);
  b.writeUInt16LE(ZIP.dosDate, at + 8);
  b.writeUInt32LE(crc, at + 10);
  b.writeUInt32LE(packed, at + 14);
  b.writeUInt32LE(size, at + 18);
  b.writeUInt16LE(nameLength, at + 22);
}
