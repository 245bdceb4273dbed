/** @module cluster/errors: what goes wrong on a cluster, as coded errors with named fields. */
import type { WindowsErrorExplanation } from './windows-errors.js';

export type ClusterErrorCode =
  | 'vm-not-found'
  | 'node-not-found'
  | 'volume-not-found'
  | 'node-not-up'
  | 'not-enough-memory'
  | 'already-there'
  | 'not-clustered'
  /** The target node is not a possible owner of the VM's cluster resource. */
  | 'not-possible-owner'
  /** The VM or volume is not in a state that allows the operation (start a running VM, save one that is off). */
  | 'wrong-state'
  /** A migration is already running (or queued) for that VM. */
  | 'busy'
  | 'migration-failed'
  /** The migration was cancelled (cancelMigration) before it finished. */
  | 'migration-cancelled'
  | 'no-migration-running'
  | 'unreachable'
  | 'operation-failed';

/**
 * A failure the cluster reported or the operation met; `message` is written for operators (or is
 * Windows' own text). `explanation`: a Windows error people know, in plain words with its fix.
 */
export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    readonly code: ClusterErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
    readonly explanation?: WindowsErrorExplanation,
  ) {
    super(message);
  }
}

/** One problem in an inventory: where (`vms[3].node`) and what. */
export interface InventoryIssue {
  readonly field: string;
  readonly problem: string;
}

/** An inventory (a JSON file or an object in code) that cannot describe a cluster. */
export class InventoryError extends Error {
  override readonly name = 'InventoryError';
  readonly code = 'invalid-inventory';
  /** The first problem's field, e.g. `vms[3].node`. */
  readonly field: string;
  constructor(
    /** The file name, or a label such as `inventory "demo"` for inventories built in code. */
    readonly source: string,
    readonly issues: readonly InventoryIssue[],
  ) {
    super(`${source}: ${issues.map((i) => `${i.field}: ${i.problem}`).join('; ')}`);
    this.field = issues[0]?.field ?? '(root)';
  }
}
