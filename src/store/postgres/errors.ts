/**
 * @module store/postgres/errors: why the bot cannot use its database. Messages name the
 * variable, the server and the database, never the password.
 */

export class DatabaseUrlMissingError extends Error {
  override readonly name = 'DatabaseUrlMissingError';
  constructor(readonly envName: string) {
    super(`state.postgres.urlEnv names ${envName}, which is not set: set it to the database's URL, like postgres://hyperv_chatops:PASSWORD@db.example.com:5432/hyperv_chatops`);
  }
}

export class DatabaseUrlInvalidError extends Error {
  override readonly name = 'DatabaseUrlInvalidError';
  constructor(readonly envName: string) {
    super(`${envName} is not a PostgreSQL URL: it should look like postgres://USER:PASSWORD@HOST:5432/DATABASE`);
  }
}

export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
  constructor(
    /** `user@host:port/database`: where the bot tried, without the password. */
    readonly where: string,
    /** The driver's or the server's code (ECONNREFUSED, 28P01, 3D000, …). */
    readonly code: string,
    readonly reason: string,
  ) {
    super(`cannot use the PostgreSQL database ${where}: ${reason} (${code})`);
  }
}

export class MigrationFailedError extends Error {
  override readonly name = 'MigrationFailedError';
  constructor(
    readonly migration: string,
    readonly code: string,
    readonly reason: string,
  ) {
    super(`the database schema migration ${migration} failed and was rolled back: ${reason} (${code})`);
  }
}

/** This replica no longer holds the cluster's lease (it was paused or cut off and another took over): it must stop acting. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(
    readonly cluster: string,
    readonly holder: string,
  ) {
    super(`${holder} no longer holds the lease of cluster ${cluster}: another replica runs its jobs now`);
  }
}

/** The errors that stop a replica at start, whose messages are written for the operator. */
export function isDatabaseStartError(error: unknown): error is Error {
  return error instanceof DatabaseUrlMissingError || error instanceof DatabaseUrlInvalidError || error instanceof DatabaseUnreachableError || error instanceof MigrationFailedError;
}
