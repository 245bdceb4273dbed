/**
 * @module store/postgres/connect: the pool the PostgreSQL store and audit log share, from the
 * URL in the environment variable the configuration names. The first connection is made at
 * once, so a wrong URL or a database that is down stops the bot at start with a message that
 * says where it tried (never the password).
 */
import pg from 'pg';
import { DatabaseUnreachableError, DatabaseUrlInvalidError, DatabaseUrlMissingError } from './errors.js';

export interface PostgresOptions {
  /** Connections this process opens at most (default 10). */
  poolSize?: number;
  /** Shown in pg_stat_activity: which replica a connection belongs to. */
  applicationName?: string;
}

/** The URL from the environment, checked for shape. */
export function databaseUrl(envName: string, env: NodeJS.ProcessEnv): string {
  const url = env[envName];
  if (!url) throw new DatabaseUrlMissingError(envName);
  if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) throw new DatabaseUrlInvalidError(envName);
  return url;
}

/** `user@host:port/database`, for messages and /healthz. */
export function describeDatabase(url: string): string {
  const u = new URL(url);
  return `${decodeURIComponent(u.username) || '(default user)'}@${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
}

/** What a driver or server error says, with the password taken out should it ever appear. */
export function describeDatabaseError(error: unknown, url: string): { code: string; reason: string } {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const password = decodeURIComponent(new URL(url).password);
  const scrub = (text: string) => (password ? text.split(password).join('[secret]') : text);
  return { code: typeof e?.code === 'string' ? e.code : 'unknown', reason: scrub(typeof e?.message === 'string' ? e.message : String(error)) };
}

export async function openPostgresPool(url: string, o: PostgresOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: o.poolSize ?? 10, application_name: o.applicationName ?? 'hyperv-chatops', connectionTimeoutMillis: 10_000 });
  // An idle connection the server drops (a failover, a restart) is an event, not a crash.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const { code, reason } = describeDatabaseError(error, url);
    throw new DatabaseUnreachableError(describeDatabase(url), code, reason);
  }
  return pool;
}
