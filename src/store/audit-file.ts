/**
 * @module audit-file: the audit log as append-only JSON Lines. Each line carries its number in
 * the chain (`seq`) and the SHA-256 of the line before it (`prev`), so an edit, a deletion or a
 * reordering breaks the chain at a line `verifyAuditFile` names. An append is flushed to the
 * disk, then the new head (hash and count) is kept in the state file; if either fails the line
 * is cut back off and the caller is told, so no entry counts that the bot did not act on.
 * A torn last line (an append that stopped part way, a crash) is moved aside to a named file,
 * never glued to the next entry.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { AuditNotWrittenError, StateNotSavedError } from '../core/errors.js';
import { matchesAudit, type AuditEntry, type AuditLog, type AuditPage } from '../core/audit.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { createSerial } from '../core/serial.js';
import type { Store } from '../core/store.js';
import { parseAuditLine } from './audit-line.js';
import { countLines, fileSize, readRange, readTail, tailLines } from './audit-tail.js';
import { describeWriteFailure, nodeFileSystem, syncDirectory, type FileSystem } from './file-system.js';

export const GENESIS = '0'.repeat(64);

export function lineHash(line: string): string {
  return createHash('sha256').update(line, 'utf8').digest('hex');
}

/** The number a line carries in the chain, if it carries one (lines written before 2026-12 do not). */
export function seqOf(line: string): number | undefined {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
  } catch {
    return undefined;
  }
}

export interface FileAuditLogOptions {
  /** Where appends go (default: Node's file system). */
  fs?: FileSystem;
  /** Where the chain head is kept beside the state (the Store); none: the head is not kept. */
  heads?: Pick<Store, 'auditHead' | 'recordAuditHead'>;
  /** Told when a torn line is moved aside or the log is shorter than the state says. */
  logger?: Logger;
  now?: () => Date;
}

export interface FileAuditLog extends AuditLog {
  /** Reads the end of the log, moving a torn last line aside; at start, so the operator hears of it then. */
  open(): Promise<void>;
}

interface End {
  /** Bytes of complete lines: where the next line goes. */
  size: number;
  prev: string;
  seq: number;
}

export function createFileAuditLog(path: string, o: FileAuditLogOptions = {}): FileAuditLog {
  const serial = createSerial();
  const fs = o.fs ?? nodeFileSystem;
  const logger = o.logger ?? silentLogger;
  let end: End | undefined;
  /** An append failed and could not be cut back off: what lies past `end.size` is not the chain's. */
  let dirty = false;

  const quarantine = async (from: number, to: number, what: string) => {
    const aside = `${path}.torn-${(o.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-')}`;
    await fs.writeSynced(aside, (await readRange(path, from, to)).toString('utf8'));
    await fs.truncate(path, from);
    logger.warn({ auditFile: path, movedTo: aside, bytes: to - from }, `the audit log ended in ${what}; moved it to ${aside} and cut the log back to its last complete line`);
  };

  const openEnd = async (): Promise<End> => {
    await fs.mkdirs(dirname(path));
    const tail = await readTail(path);
    if (tail.size > tail.complete) await quarantine(tail.complete, tail.size, 'a torn line (an append that stopped part way)');
    const recorded = await o.heads?.auditHead();
    const prev = tail.lastLine === undefined ? GENESIS : lineHash(tail.lastLine);
    let seq = tail.lastLine === undefined ? 0 : (seqOf(tail.lastLine) ?? (recorded?.hash === prev ? recorded.count : await countLines(path)));
    if (recorded && recorded.count > seq) {
      // Numbering goes on from the state's count, so the gap stays visible to `audit verify` after later appends.
      logger.error({ auditFile: path, entries: seq, stateSays: recorded.count }, `the audit log ends ${recorded.count - seq} entries before the state file says: its last entries were removed`);
      seq = recorded.count;
    }
    return { size: tail.complete, prev, seq };
  };

  /** After a failed append that could not be cut back: bytes past the known end are moved aside. */
  const repair = async (known: End): Promise<End> => {
    const size = await fileSize(path);
    if (size > known.size) await quarantine(known.size, size, 'bytes of an append that failed');
    return size < known.size ? openEnd() : known;
  };

  const ready = async (): Promise<End> => {
    if (end && dirty) end = await repair(end);
    else end ??= await openEnd();
    dirty = false;
    return end;
  };

  const append = async (entry: AuditEntry) => {
    let at: End;
    try {
      at = await ready();
    } catch (error) {
      throw notWritten(error);
    }
    const seq = at.seq + 1;
    const line = JSON.stringify({ ...entry, seq, prev: at.prev });
    try {
      await fs.appendSynced(path, `${line}\n`);
      if (at.size === 0) await syncDirectory(dirname(path)); // a new file: its name is flushed too
      await o.heads?.recordAuditHead({ hash: lineHash(line), count: seq });
    } catch (error) {
      await fs.truncate(path, at.size).catch(() => (dirty = true));
      throw error instanceof StateNotSavedError ? error : notWritten(error);
    }
    end = { size: at.size + Buffer.byteLength(line, 'utf8') + 1, prev: lineHash(line), seq };
  };

  return {
    open: () => serial(async () => void (await ready())),
    append: (entry) => serial(() => append(entry)),
    recent: (query) => serial(async () => pick(readEntries(await tailLines(path, RECENT_WINDOW_BYTES)), query)),
  };
}

function notWritten(error: unknown): AuditNotWrittenError {
  const { errno, reason } = describeWriteFailure(error);
  return new AuditNotWrittenError(errno, reason);
}

/** How far back `recent` reads: the last 4 MiB, some ten thousand entries. */
const RECENT_WINDOW_BYTES = 4 * 1024 * 1024;

function readEntries(lines: string[]): AuditPage {
  const entries: AuditEntry[] = [];
  let unreadable = 0;
  for (const line of lines) {
    const entry = parseAuditLine(line);
    if (entry) entries.push(entry);
    else unreadable++;
  }
  return { entries, unreadable };
}

function pick(page: AuditPage, query: Parameters<AuditLog['recent']>[0]): AuditPage {
  return { entries: page.entries.filter((e) => matchesAudit(e, query)).slice(-(query.limit ?? 20)), unreadable: page.unreadable };
}

/** Keeps entries in memory: product code for tests and the demo. */
export function createMemoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    append: async (entry) => {
      entries.push(structuredClone(entry));
    },
    recent: async (query) => pick({ entries, unreadable: 0 }, query),
  };
}
