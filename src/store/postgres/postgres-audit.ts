/**
 * @module store/postgres/postgres-audit: the audit log as rows of the `audit` table, each the
 * line the file would hold (its `seq` and the SHA-256 `prev` of the line before), so the hash
 * chain is the same and `audit verify` reads both alike. Appends from every replica are
 * serialised by a transaction-scoped advisory lock, so the chain stays one line. The entry's
 * row is committed before append resolves; the bot's role cannot change or delete rows.
 */
import type pg from 'pg';
import { matchesAudit, type AuditEntry, type AuditLog, type AuditPage } from '../../core/audit.js';
import { AuditNotWrittenError } from '../../core/errors.js';
import { GENESIS, lineHash } from '../audit-file.js';
import { parseAuditLine } from '../audit-line.js';
import { inTransaction, isConnectionFailure } from './transaction.js';

/** pg_advisory_xact_lock key of audit appends ('hvco' 'audt'). */
export const AUDIT_LOCK = 0x6876636f61756474n;

/** How many of the newest rows `recent` reads before filtering (the file reads its last 4 MiB). */
const RECENT_WINDOW = 10_000;

/** Appends one line after the current head, inside `client`'s open transaction. */
export async function appendAuditLine(client: pg.PoolClient, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK.toString()]);
  const head = (await client.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1')).rows[0];
  const seq = head ? Number(head.seq) + 1 : 1;
  const line = JSON.stringify({ ...entry, seq, prev: head?.hash ?? GENESIS });
  const hash = lineHash(line);
  await client.query('INSERT INTO audit (seq, line, hash, at, request_id) VALUES ($1, $2, $3, $4, $5)', [seq, line, hash, entry.at, entry.requestId ?? null]);
  return { seq, hash };
}

export function createPostgresAuditLog(pool: pg.Pool): AuditLog {
  return {
    async append(entry) {
      try {
        await inTransaction(pool, (client) => appendAuditLine(client, entry));
      } catch (error) {
        const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'unknown';
        throw new AuditNotWrittenError(code, isConnectionFailure(code) ? 'the database cannot be reached' : 'the database refused the entry');
      }
    },
    async recent(query) {
      const rows = await pool.query<{ line: string }>(
        `SELECT line FROM (
           SELECT seq, line FROM audit
           WHERE ($1::bigint IS NULL OR request_id = $1) AND ($2::timestamptz IS NULL OR at >= $2)
           ORDER BY seq DESC LIMIT $3
         ) newest ORDER BY seq`,
        [query.requestId ?? null, query.since === undefined ? null : new Date(query.since).toISOString(), RECENT_WINDOW],
      );
      const page: AuditPage = { entries: [], unreadable: 0 };
      for (const { line } of rows.rows) {
        const entry = parseAuditLine(line);
        if (entry) page.entries.push(entry);
        else page.unreadable++;
      }
      return { entries: page.entries.filter((e) => matchesAudit(e, query)).slice(-(query.limit ?? 20)), unreadable: page.unreadable };
    },
  };
}
