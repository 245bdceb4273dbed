/** @module cluster/errors: what goes wrong on a cluster, as coded errors with named fields. */

export type ClusterErrorCode =
  | 'vm-not-found'
  | 'node-not-found'
  | 'volume-not-found'
  | 'node-not-up'
  | 'not-enough-memory'
  | 'already-there'
  | 'not-clustered'
  | 'migration-failed'
  | 'no-migration-running'
  | 'unreachable'
  | 'operation-failed';

/** A failure the cluster reported or the operation met; `message` is written for operators. */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}
