/**
 * @module store/postgres/postgres-audit-verify: walks the `audit` table in order and checks
 * each row as `audit verify` checks a file's lines: an entry, numbered one after the other,
 * its `prev` the hash of the row before. The first problem is named by its number.
 */
import type pg from 'pg';
import { GENESIS, lineHash, seqOf } from '../audit-file.js';
import { parseAuditLine } from '../audit-line.js';
import type { AuditVerdict } from '../audit-verify.js';

const BATCH = 2000;

export async function verifyPostgresAudit(pool: pg.Pool): Promise<AuditVerdict> {
  let expected = GENESIS;
  let count = 0;
  for (;;) {
    const rows = (await pool.query<{ seq: string; line: string; hash: string }>('SELECT seq, line, hash FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2', [count, BATCH])).rows;
    for (const row of rows) {
      const n = Number(row.seq);
      const broken = (reason: string): AuditVerdict => ({ ok: false, lines: count + 1, brokenAt: n, reason });
      if (n !== count + 1) return broken(`entry ${count + 1} is missing: the row after entry ${count} is entry ${n}`);
      if (!parseAuditLine(row.line)) return broken(`entry ${n} is not an audit entry (edited)`);
      if (seqOf(row.line) !== n) return broken(`entry ${n} carries another number: it was edited or moved`);
      if ((JSON.parse(row.line) as { prev?: unknown }).prev !== expected) {
        return broken(n === 1 ? 'entry 1 does not start the chain' : `entry ${n} does not follow entry ${n - 1}: entry ${n - 1} was changed`);
      }
      expected = lineHash(row.line);
      if (row.hash !== expected) return broken(`entry ${n} was changed after it was written (its hash no longer matches)`);
      count = n;
    }
    if (rows.length < BATCH) return { ok: true, lines: count, head: expected, count };
  }
}
