/**
 * @module audit-tail: reads the end of the audit file, by bytes: where its last complete line
 * starts and ends, and whether a torn line (an append that stopped part way) follows it. Only
 * the end is read, so this costs the same with ten entries or ten million.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

const NEWLINE = 0x0a;

export interface AuditTail {
  /** The file's size in bytes (0 when it is missing). */
  size: number;
  /** Bytes up to and with the last newline: the complete lines. Past it, a torn line (size > complete). */
  complete: number;
  /** The last complete line, without its newline. */
  lastLine?: string;
}

export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

export async function readTail(path: string): Promise<AuditTail> {
  const size = await fileSize(path);
  if (size === 0) return { size: 0, complete: 0 };
  const handle = await open(path, 'r');
  try {
    for (let chunk = 64 * 1024; ; chunk *= 4) {
      const length = Math.min(size, chunk);
      const start = size - length;
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, start);
      const last = buffer.lastIndexOf(NEWLINE);
      if (last < 0 && start > 0) continue;
      if (last < 0) return { size, complete: 0 };
      const before = last === 0 ? -1 : buffer.lastIndexOf(NEWLINE, last - 1);
      if (before < 0 && start > 0) continue;
      return { size, complete: start + last + 1, lastLine: buffer.subarray(before + 1, last).toString('utf8') };
    }
  } finally {
    await handle.close();
  }
}

/** Reads bytes [from, to) of the file. */
export async function readRange(path: string, from: number, to: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(to - from);
    await handle.read(buffer, 0, to - from, from);
    return buffer;
  } finally {
    await handle.close();
  }
}

/** Complete lines in the file: read once for a log written before lines carried their number. */
export async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path)) {
    for (let i = (chunk as Buffer).indexOf(NEWLINE); i >= 0; i = (chunk as Buffer).indexOf(NEWLINE, i + 1)) count++;
  }
  return count;
}

/** The last `window` bytes as lines; the first is dropped when the window starts inside it. */
export async function tailLines(path: string, window: number): Promise<string[]> {
  const size = await fileSize(path).catch(() => 0);
  if (size === 0) return [];
  const length = Math.min(size, window);
  const lines = (await readRange(path, size - length, size)).toString('utf8').split('\n');
  if (length < size) lines.shift();
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
