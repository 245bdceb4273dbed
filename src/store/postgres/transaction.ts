/**
 * @module store/postgres/transaction: one transaction on one pooled connection, and the
 * mapping of a failed write to the core's StateNotSavedError (nothing of it was kept).
 */
import type pg from 'pg';
import { StateNotSavedError } from '../../core/errors.js';

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Connection failures (ECONN…, SQLSTATE class 08, 57P01 admin shutdown) against a refused write. */
export function isConnectionFailure(code: string): boolean {
  return code.startsWith('E') || code.startsWith('08') || code === '57P01' || code === '57P03';
}

export function notSaved(error: unknown): Error {
  if (error instanceof StateNotSavedError) return error;
  if (!(error instanceof Error) || !('code' in error || /connect|terminat|timeout/i.test(error.message))) return error as Error;
  const given = (error as Error & { code?: unknown }).code;
  const code = typeof given === 'string' ? given : 'ECONNRESET';
  return new StateNotSavedError(code, isConnectionFailure(code) ? 'the database cannot be reached' : 'the database refused the write');
}
