/**
 * @module store/postgres/migrate: the schema, as numbered SQL files in ./migrations applied in
 * order at start. Each runs in its own transaction with its row in `schema_migrations`; the
 * whole pass holds an advisory lock, so replicas starting together apply each file once (the
 * others wait, then find it applied).
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { MigrationFailedError } from './errors.js';

/** pg_advisory_lock key of the migration pass ('hvco' 'migr'). */
export const MIGRATION_LOCK = 0x6876636f6d696772n;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FOLDER = fileURLToPath(new URL('./migrations/', import.meta.url));

export async function readMigrations(folder = FOLDER): Promise<Migration[]> {
  const files = (await readdir(folder)).filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (name) => ({ version: Number(name.slice(0, 4)), name, sql: await readFile(`${folder}${name}`, 'utf8') })));
}

/** Applies what is missing; returns the names applied by this call (empty when the schema was current). */
export async function migrate(pool: pg.Pool, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of all) {
      if (done.has(m.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const e = error as { code?: string; message?: string };
        throw new MigrationFailedError(m.name, e.code ?? 'unknown', e.message ?? String(error));
      }
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
    client.release();
  }
  return applied;
}
