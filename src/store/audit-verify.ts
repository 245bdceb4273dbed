/**
 * @module audit-verify: walks an audit file and checks every line's `prev` against the hash of
 * the line before it. The first break is named by line number with what it means.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { GENESIS, lineHash } from './audit-file.js';

export type AuditVerdict =
  | { ok: true; lines: number; head: string }
  | { ok: false; lines: number; brokenAt: number; reason: string };

export async function verifyAuditFile(path: string): Promise<AuditVerdict> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let expected = GENESIS;
  let n = 0;
  for await (const line of lines) {
    n++;
    let prev: unknown;
    try {
      prev = (JSON.parse(line) as { prev?: unknown }).prev;
    } catch {
      return { ok: false, lines: n, brokenAt: n, reason: `line ${n} is not a JSON entry (torn or edited)` };
    }
    if (prev !== expected) {
      const reason =
        n === 1
          ? 'line 1 does not start the chain: lines before it were removed, or the file was not written by the bot'
          : `line ${n} does not follow line ${n - 1}: line ${n - 1} was changed, or lines between them were removed or reordered`;
      return { ok: false, lines: n, brokenAt: n, reason };
    }
    expected = lineHash(line);
  }
  return { ok: true, lines: n, head: expected };
}
