/**
 * @module audit-verify: walks an audit file and checks every line: that it is an entry, that
 * its `prev` is the hash of the line before it, and that its number follows the one before.
 * Given the head the state file recorded, it also finds a log cut short at its end. The first
 * problem is named by line number with what it means; nothing is skipped.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditHead } from '../core/store.js';
import { GENESIS, lineHash, seqOf } from './audit-file.js';
import { parseAuditLine } from './audit-line.js';
import { readTail } from './audit-tail.js';

export type AuditVerdict =
  | { ok: true; lines: number; head: string; count: number; note?: string }
  | { ok: false; lines: number; brokenAt?: number; reason: string };

export async function verifyAuditFile(path: string, recorded?: AuditHead): Promise<AuditVerdict> {
  const tail = await readTail(path);
  const torn = tail.size > tail.complete;
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let expected = GENESIS;
  let n = 0;
  let count = 0;
  let hashAtRecorded: string | undefined;
  let offset = 0;
  for await (const line of lines) {
    n++;
    const broken = (reason: string): AuditVerdict => ({ ok: false, lines: n, brokenAt: n, reason });
    const startsAt = offset;
    offset += Buffer.byteLength(line, 'utf8') + 1;
    if (torn && startsAt >= tail.complete) {
      return broken(`line ${n} is torn: the last line has no end (an append that stopped part way, such as on a full disk); the bot moves it aside at its next start`);
    }
    let prev: unknown;
    try {
      prev = (JSON.parse(line) as { prev?: unknown }).prev;
    } catch {
      return broken(`line ${n} is not a JSON entry (torn or edited)`);
    }
    if (!parseAuditLine(line)) return broken(`line ${n} is JSON but not an audit entry (edited)`);
    if (prev !== expected) {
      return broken(
        n === 1
          ? 'line 1 does not start the chain: lines before it were removed, or the file was not written by the bot'
          : `line ${n} does not follow line ${n - 1}: line ${n - 1} was changed, or lines between them were removed or reordered`,
      );
    }
    const seq = seqOf(line) ?? count + 1;
    if (seq !== count + 1) {
      return broken(`line ${n} is entry ${seq} but entry ${count + 1} was due: ${missing(count + 1, seq - 1)} removed from the end of the log before the bot wrote again`);
    }
    count = seq;
    expected = lineHash(line);
    if (recorded && count === recorded.count) hashAtRecorded = expected;
  }
  return compareWithState({ lines: n, head: expected, count }, hashAtRecorded, recorded);
}

function entries(n: number): string {
  return n === 1 ? '1 entry' : `${n} entries`;
}

function missing(from: number, to: number): string {
  return from === to ? `entry ${from} was` : `entries ${from}–${to} (${to - from + 1}) were`;
}

function compareWithState(
  log: { lines: number; head: string; count: number },
  hashAtRecorded: string | undefined,
  recorded: AuditHead | undefined,
): AuditVerdict {
  if (!recorded) return { ok: true, ...log };
  if (recorded.count > log.count) {
    const n = recorded.count - log.count;
    return { ok: false, lines: log.lines, reason: `the audit log ends ${n} ${n === 1 ? 'entry' : 'entries'} before the state file says (the log has ${log.count}, the state file recorded ${recorded.count}): its last entries were removed` };
  }
  if (recorded.count > 0 && hashAtRecorded !== recorded.hash) {
    return { ok: false, lines: log.lines, reason: `entry ${recorded.count} is not the one the state file recorded: the log was rewritten from there` };
  }
  const after = log.count - recorded.count;
  const note = after === 0
    ? `matches the head the state file recorded (${entries(recorded.count)})`
    : `the state file recorded ${entries(recorded.count)}; ${after === 1 ? 'the last one was' : `the last ${after} were`} written after it (the bot stopped between the two writes, or the state file was restored from an older backup)`;
  return { ok: true, ...log, note };
}
