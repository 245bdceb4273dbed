/**
 * @module test helper: a fresh database on the run's PostgreSQL with the schema applied, and
 * the bot's store and audit log over it, as a replica would open them.
 */
import type pg from 'pg';
import type { AuditLog } from '../../src/core/audit.js';
import type { Store } from '../../src/core/store.js';
import { openPostgresPool } from '../../src/store/postgres/connect.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { createPostgresAuditLog } from '../../src/store/postgres/postgres-audit.js';
import { createPostgresStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store.js';
import { testPostgres } from './postgres.js';

export interface TestDatabase {
  name: string;
  url: string;
  pool: pg.Pool;
  store: Store;
  audit: AuditLog;
  /** Another replica on the same database: its own pool, store and audit log. */
  replica(options?: PostgresStoreOptions): Promise<TestDatabase>;
  close(): Promise<void>;
}

async function open(name: string, url: string, options: PostgresStoreOptions, closers: (() => Promise<void>)[]): Promise<TestDatabase> {
  const pool = await openPostgresPool(url, { poolSize: 5 });
  closers.push(() => pool.end());
  await migrate(pool);
  return {
    name,
    url,
    pool,
    store: createPostgresStore(pool, options),
    audit: createPostgresAuditLog(pool),
    replica: (more = {}) => open(name, url, more, closers),
    close: async () => void (await Promise.all(closers.splice(0).map((c) => c()))),
  };
}

/** A new database, as `owner` when named (a role without superuser rights, like the bot's). */
export async function openTestDatabase(options: PostgresStoreOptions & { owner?: string } = {}): Promise<TestDatabase> {
  const server = await testPostgres();
  const name = await server.freshDatabase(options.owner);
  return open(name, server.url(name, options.owner), options, []);
}
