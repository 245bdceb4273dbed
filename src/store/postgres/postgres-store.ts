/**
 * @module store/postgres/postgres-store: the Store port over PostgreSQL, for several replicas
 * sharing one state. A request is one row (its whole record in `body`); a transition locks its
 * row (SELECT … FOR UPDATE), so of two replicas handling the same click one wins and the other
 * sees the new state; delivery keys are rows inserted once; `exclusive` holds an advisory lock.
 * Finished requests stay in the table (history costs no write time); `list` returns the active
 * ones and the newest finished, as the file store keeps them.
 */
import type pg from 'pg';
import { ACTIVE_STATES, FINAL_STATES, type OperationRequest } from '../../core/requests.js';
import { createSerial, type Serial } from '../../core/serial.js';
import type { AuditHead, Store } from '../../core/store.js';
import { inTransaction, notSaved } from './transaction.js';

export interface PostgresStoreOptions {
  /** Finished requests older than this are left out of `list` (they stay readable by id). */
  archiveAfterMs?: number;
  /** And beyond the newest this many (default 20). */
  keepFinished?: number;
  now?: () => number;
  /**
   * Checked inside every write's transaction: throws when this replica may no longer write
   * (it lost a cluster's lease), so a paused replica cannot overwrite what another one did.
   */
  fence?: (client: pg.PoolClient, before: OperationRequest, next: OperationRequest) => Promise<void>;
  /** Told of each write the database refused or could not take (for /metrics). */
  onWriteFailed?: (error: unknown) => void;
}

/** When a request stopped changing: its job's end, its decision, or its expiry (null while active). */
function settledAt(r: OperationRequest): number | null {
  if (!FINAL_STATES.includes(r.state)) return null;
  return r.job?.finishedAt ?? r.denial?.at ?? r.cancellation?.at ?? r.expiresAt;
}

/** A scope's advisory-lock key: two ints, so it never collides with the migration lock's bigint. */
const SCOPE_CLASS = 0x68766373; // 'hvcs'

export function createPostgresStore(pool: pg.Pool, o: PostgresStoreOptions = {}): Store {
  const now = o.now ?? Date.now;
  const scopes = new Map<string, Serial>();
  let deliveriesSeen = 0;

  const write = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      o.onWriteFailed?.(error);
      throw notSaved(error);
    }
  };

  const modify = (id: number, from: readonly string[] | undefined, change: (r: OperationRequest) => OperationRequest) =>
    write(() =>
      inTransaction(pool, async (client) => {
        const row = (await client.query<{ body: OperationRequest }>('SELECT body FROM requests WHERE id = $1 FOR UPDATE', [id])).rows[0];
        if (!row || (from && !from.includes(row.body.state))) return undefined;
        const next = change(structuredClone(row.body));
        await o.fence?.(client, row.body, next);
        await client.query('UPDATE requests SET state = $2, cluster = $3, settled_at = $4, body = $5 WHERE id = $1', [id, next.state, next.cluster, settledAt(next), next]);
        return next;
      }),
    );

  return {
    nextRequestId: () => write(async () => Number((await pool.query<{ id: string }>("SELECT nextval('request_id') AS id")).rows[0]!.id)),
    insert: (request) =>
      write(() =>
        inTransaction(pool, async (client) => {
          await o.fence?.(client, request, request);
          const inserted = await client.query(
            'INSERT INTO requests (id, state, cluster, settled_at, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
            [request.id, request.state, request.cluster, settledAt(request), request],
          );
          if (inserted.rowCount === 0) throw new Error(`request #${request.id} already stored`);
        }),
      ),
    get: async (id) => (await pool.query<{ body: OperationRequest }>('SELECT body FROM requests WHERE id = $1', [id])).rows[0]?.body,
    list: async () => {
      const cutoff = o.archiveAfterMs === undefined ? null : now() - o.archiveAfterMs;
      const rows = await pool.query<{ body: OperationRequest }>(
        `SELECT body FROM requests WHERE state = ANY($1)
         UNION ALL
         (SELECT body FROM requests WHERE settled_at IS NOT NULL AND ($2::bigint IS NULL OR settled_at >= $2) ORDER BY settled_at DESC LIMIT $3)`,
        [ACTIVE_STATES, cutoff, o.keepFinished ?? 20],
      );
      return rows.rows.map((r) => r.body).sort((a, b) => a.id - b.id);
    },
    transition: (id, from, change) => modify(id, from, change),
    update: (id, change) => modify(id, undefined, change),
    rememberDelivery: (key, expiresAt, at) =>
      write(async () => {
        const first = await pool.query(
          `INSERT INTO deliveries (key, expires_at) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE deliveries.expires_at <= $3
           RETURNING key`,
          [key, expiresAt, at],
        );
        // Now and then, expired keys go, so the table stays the size of an hour of traffic.
        if (++deliveriesSeen % 200 === 0) await pool.query('DELETE FROM deliveries WHERE expires_at <= $1', [at]);
        return first.rowCount === 1;
      }),
    exclusive: (scope, task) => {
      let serial = scopes.get(scope);
      if (!serial) scopes.set(scope, (serial = createSerial()));
      return serial(async () => {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [SCOPE_CLASS, scope]);
          try {
            return await task();
          } finally {
            await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SCOPE_CLASS, scope]);
          }
        } finally {
          client.release();
        }
      });
    },
    recordAuditHead: (head) =>
      write(async () => void (await pool.query("INSERT INTO settings (name, value) VALUES ('audit_head', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", [head]))),
    auditHead: async () => (await pool.query<{ value: AuditHead }>("SELECT value FROM settings WHERE name = 'audit_head'")).rows[0]?.value,
  };
}
