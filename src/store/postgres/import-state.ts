/**
 * @module store/postgres/import-state: moves an installation from the embedded state to
 * PostgreSQL. The state file's requests, next id and delivery keys and the audit log's lines
 * are copied in one transaction into a database that has none; each audit line is kept as it
 * is when it already carries its number and the hash of the line before (the database's chain
 * head is then the file's), and re-chained otherwise (lines written before numbering). A chat
 * adapter's directory file (Teams) comes along in the same transaction. The copy is verified afterwards.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import type { AuditEntry } from '../../core/audit.js';
import { FINAL_STATES, type OperationRequest } from '../../core/requests.js';
import { GENESIS, lineHash, seqOf } from '../audit-file.js';
import { parseAuditLine } from '../audit-line.js';
import type { StateDocument } from '../low-store.js';
import { insertConversationDirectory, type DirectoryCounts, type DirectoryDocument } from './import-directory.js';
import { inTransaction } from './transaction.js';

export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
  constructor(readonly found: { requests: number; audit: number; deliveries: number }) {
    super(`the database is not empty (${found.requests} requests, ${found.audit} audit entries, ${found.deliveries} delivery keys): state migrate copies only into a database the bot has not used`);
  }
}

export interface ImportResult {
  requests: number;
  deliveries: number;
  audit: number;
  /** Audit lines written again with a number and a recomputed `prev` (lines from before numbering). */
  rechained: number;
  head: string;
  /** What each chat adapter's directory brought, by platform. */
  directories: Record<string, DirectoryCounts>;
}

const BATCH = 500;

function settledAt(r: OperationRequest): number | null {
  if (!FINAL_STATES.includes(r.state)) return null;
  return r.job?.finishedAt ?? r.denial?.at ?? r.cancellation?.at ?? r.expiresAt;
}

async function insertRows(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const values = batch.map((row, r) => `(${row.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, batch.flat());
  }
}

export async function assertEmpty(pool: pg.Pool): Promise<void> {
  const row = (
    await pool.query<{ requests: string; audit: string; deliveries: string; called: boolean }>(
      'SELECT (SELECT count(*) FROM requests) AS requests, (SELECT count(*) FROM audit) AS audit, (SELECT count(*) FROM deliveries) AS deliveries, (SELECT is_called FROM request_id) AS called',
    )
  ).rows[0]!;
  const found = { requests: Number(row.requests), audit: Number(row.audit), deliveries: Number(row.deliveries) };
  if (found.requests || found.audit || found.deliveries || row.called) throw new TargetNotEmptyError(found);
}

export interface ImportOptions {
  /** Chat adapters' directory files (Teams), copied in the same transaction. */
  directories?: { platform: string; document: DirectoryDocument }[];
}

/** Copies `state` and the audit file at `auditFile` (absent: no audit yet) into the empty database. */
export async function importState(pool: pg.Pool, state: StateDocument, auditFile: string | undefined, o: ImportOptions = {}): Promise<ImportResult> {
  await assertEmpty(pool);
  return inTransaction(pool, async (client) => {
    const directories: ImportResult['directories'] = {};
    for (const { platform, document } of o.directories ?? []) directories[platform] = await insertConversationDirectory(client, platform, document);
    await client.query('LOCK TABLE requests, audit, deliveries IN EXCLUSIVE MODE');
    await insertRows(client, 'requests', ['id', 'state', 'cluster', 'settled_at', 'body'], state.requests.map((r) => [r.id, r.state, r.cluster, settledAt(r), r]));
    if (state.nextRequestId > 1) await client.query("SELECT setval('request_id', $1, true)", [state.nextRequestId - 1]);
    const deliveries = Object.entries(state.deliveries ?? {});
    await insertRows(client, 'deliveries', ['key', 'expires_at'], deliveries);
    let prev = GENESIS;
    let count = 0;
    let rechained = 0;
    let rows: unknown[][] = [];
    const lines = auditFile ? createInterface({ input: createReadStream(auditFile, 'utf8'), crlfDelay: Infinity }) : [];
    for await (const raw of lines) {
      const entry = parseAuditLine(raw);
      if (!entry) throw new Error(`audit line ${count + 1} is not an entry: verify the log first (npm run cli -- audit verify)`);
      count++;
      const kept = seqOf(raw) === count && (JSON.parse(raw) as { prev?: unknown }).prev === prev;
      const line = kept ? raw : rechain(entry, count, prev);
      if (!kept) rechained++;
      prev = lineHash(line);
      rows.push([count, line, prev, entry.at, entry.requestId ?? null]);
      if (rows.length === BATCH) {
        await insertRows(client, 'audit', ['seq', 'line', 'hash', 'at', 'request_id'], rows);
        rows = [];
      }
    }
    await insertRows(client, 'audit', ['seq', 'line', 'hash', 'at', 'request_id'], rows);
    return { requests: state.requests.length, deliveries: deliveries.length, audit: count, rechained, head: prev, directories };
  });
}

function rechain(entry: AuditEntry, seq: number, prev: string): string {
  const { seq: _seq, prev: _prev, ...fields } = entry as AuditEntry & { seq?: unknown; prev?: unknown };
  return JSON.stringify({ ...fields, seq, prev });
}
