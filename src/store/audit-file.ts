/**
 * @module audit-file: the audit log as append-only JSON Lines, each line carrying the
 * SHA-256 of the line before it (`prev`), so an edit, a deletion or a reordering breaks the
 * chain at a line `verifyAuditFile` names. An append reads only the file's last line once,
 * so it costs the same with ten entries or ten million.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseAuditLine } from './audit-line.js';
import { matchesAudit, type AuditEntry, type AuditLog } from '../core/audit.js';
import { createSerial } from '../core/serial.js';

export const GENESIS = '0'.repeat(64);

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/** The file's last complete line, read from the end; undefined for an empty or missing file. */
export async function lastLine(path: string): Promise<{ line: string | undefined; endsWithNewline: boolean }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { line: undefined, endsWithNewline: true };
    throw error;
  }
  if (size === 0) return { line: undefined, endsWithNewline: true };
  const handle = await open(path, 'r');
  try {
    for (let chunk = 64 * 1024; ; chunk *= 4) {
      const length = Math.min(size, chunk);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      const text = buffer.toString('utf8');
      const endsWithNewline = text.endsWith('\n');
      const body = endsWithNewline ? text.slice(0, -1) : text;
      const cut = body.lastIndexOf('\n');
      if (cut >= 0 || length === size) return { line: body.slice(cut + 1), endsWithNewline };
    }
  } finally {
    await handle.close();
  }
}

export function createFileAuditLog(path: string): AuditLog {
  const serial = createSerial();
  let prev: string | undefined;
  let needsNewline = false;
  return {
    append: (entry) =>
      serial(async () => {
        if (prev === undefined) {
          await mkdir(dirname(path), { recursive: true });
          const last = await lastLine(path);
          prev = last.line === undefined ? GENESIS : lineHash(last.line);
          needsNewline = !last.endsWithNewline; // a torn last line (a crash mid-append) stays visible to verify
        }
        const line = JSON.stringify({ ...entry, prev });
        await appendFile(path, `${needsNewline ? '\n' : ''}${line}\n`, 'utf8');
        needsNewline = false;
        prev = lineHash(line);
      }),
    recent: (query) => serial(async () => pick(await tailEntries(path, RECENT_WINDOW_BYTES), query)),
  };
}

/** How far back `recent` reads: the last 4 MiB, some ten thousand entries. */
const RECENT_WINDOW_BYTES = 4 * 1024 * 1024;

async function tailEntries(path: string, window: number): Promise<AuditEntry[]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return [];
  }
  const length = Math.min(size, window);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (length < size) lines.shift(); // the first line may be cut
    return lines.flatMap((line) => {
      const entry = line ? parseAuditLine(line) : undefined;
      return entry ? [entry] : [];
    });
  } finally {
    await handle.close();
  }
}

function pick(entries: AuditEntry[], query: Parameters<AuditLog['recent']>[0]): AuditEntry[] {
  return entries.filter((e) => matchesAudit(e, query)).slice(-(query.limit ?? 20));
}

/** Keeps entries in memory: product code for tests and the demo. */
export function createMemoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    append: async (entry) => {
      entries.push(structuredClone(entry));
    },
    recent: async (query) => pick(entries, query),
  };
}
