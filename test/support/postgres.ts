/**
 * @module test helper: a throwaway PostgreSQL (Debian's `postgresql` package) on loopback.
 * One cluster per test run, started lazily by the first suite that asks and reused by the
 * others (jest's global set-up names a run folder; the global tear-down stops the cluster and
 * removes the folder). Each test gets its own database (`freshDatabase`). fsync is off: these
 * clusters hold nothing worth keeping. PostgreSQL refuses to run as root, so under root the
 * server runs as `nobody`.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPostgresCluster, stopPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

export interface TestPostgres extends PostgresCluster {
  /** A superuser connection string to `database` (default `postgres`). */
  url(database?: string, user?: string): string;
  /** Creates an empty database (owned by `owner` when named) and returns its name. */
  freshDatabase(owner?: string): Promise<string>;
  /** Runs SQL as the superuser on `database`. */
  query(sql: string, database?: string): Promise<pg.QueryResult>;
}

/** The run folder jest's global set-up made, or a folder of this process (stopped at exit). */
function runFolder(): string {
  const given = process.env.HYPERV_CHATOPS_TEST_RUN;
  if (given) return given;
  const own = mkdtempSync(join(tmpdir(), 'hyperv-chatops-run-'));
  process.env.HYPERV_CHATOPS_TEST_RUN = own;
  process.once('exit', () => stopPostgresCluster(own));
  return own;
}

async function sharedCluster(dir: string): Promise<PostgresCluster> {
  const ready = join(dir, 'postgres.json');
  try {
    closeSync(openSync(join(dir, 'postgres.starting'), 'wx'));
  } catch {
    // Another suite is starting it: wait for its address.
    for (let i = 0; i < 600 && !existsSync(ready); i++) await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(ready)) throw new Error(`the shared test PostgreSQL in ${dir} did not start`);
    return JSON.parse(readFileSync(ready, 'utf8')) as PostgresCluster;
  }
  const cluster = await startPostgresCluster(dir);
  writeFileSync(ready, JSON.stringify(cluster));
  return cluster;
}

let shared: Promise<TestPostgres> | undefined;

export function testPostgres(): Promise<TestPostgres> {
  shared ??= sharedCluster(runFolder()).then((cluster) => {
    const url = (database = 'postgres', user = 'postgres') => `postgres://${user}@127.0.0.1:${cluster.port}/${database}`;
    const query = async (sql: string, database?: string) => {
      const client = new pg.Client({ connectionString: url(database) });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    };
    return {
      ...cluster,
      url,
      query,
      async freshDatabase(owner) {
        const name = `t_${randomBytes(6).toString('hex')}`;
        if (owner) await query(`DO $$ BEGIN CREATE ROLE ${owner} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
        await query(`CREATE DATABASE ${name}${owner ? ` OWNER ${owner}` : ''}`);
        return name;
      },
    };
  });
  return shared;
}
