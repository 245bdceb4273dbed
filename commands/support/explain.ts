/**
 * @module explain: a cluster failure that Windows people know (cluster/windows-errors.ts) told
 * with why, in plain words, and the fix; any other error unchanged. Jobs and drains use it so the
 * thread says what to do, not only what Windows said.
 */
import { ClusterError } from '../../src/cluster/errors.js';
import { describeWithFix } from '../../src/cluster/windows-errors.js';

/** The same error, its message followed by why and the fix when the cluster recognised it. */
export function withFix(error: unknown): unknown {
  if (!(error instanceof ClusterError) || !error.explanation) return error;
  return new ClusterError(error.code, describeWithFix(error.message, error.explanation), error.details, error.explanation);
}

/** Runs a job's task; a failure Windows people know leaves with its explanation. */
export function explained<E, R>(task: (emit: (event: E) => void) => Promise<R>): (emit: (event: E) => void) => Promise<R> {
  return (emit) =>
    task(emit).catch((error: unknown) => {
      throw withFix(error);
    });
}
