/** @module move-failure: why one move of a drain failed, in words for the thread. */
import { ClusterError } from '../../src/cluster/errors.js';
import { describeWithFix } from '../../src/cluster/windows-errors.js';
import { CommandError } from '../../src/core/errors.js';
import { isAbortError } from '../../src/core/failure.js';

export function describeMoveFailure(error: unknown): string {
  if (error instanceof ClusterError) return describeWithFix(error.message, error.explanation);
  if (error instanceof CommandError) return error.message;
  if (isAbortError(error)) return 'cancelled';
  return 'failed for a reason I could not read (see the bot log)';
}
