/**
 * @module cluster/scripts/error-ids: the FullyQualifiedErrorIds the scripts raise for refusals
 * (`$PSCmdlet.ThrowTerminatingError` with an ErrorRecord id `HyperVChatOps.<Name>`), and the
 * ClusterError code each stands for. The client maps by id, never by message; the simulator's
 * script host raises the same ids.
 */
import type { ClusterErrorCode } from '../errors.js';

/** Id suffix → ClusterError code. Every ClusterErrorCode has exactly one id. */
export const scriptErrorIds = {
  VmNotFound: 'vm-not-found',
  NodeNotFound: 'node-not-found',
  VolumeNotFound: 'volume-not-found',
  NodeNotUp: 'node-not-up',
  NotEnoughMemory: 'not-enough-memory',
  AlreadyThere: 'already-there',
  NotClustered: 'not-clustered',
  NotPossibleOwner: 'not-possible-owner',
  WrongState: 'wrong-state',
  Busy: 'busy',
  MigrationFailed: 'migration-failed',
  MigrationCancelled: 'migration-cancelled',
  NoMigrationRunning: 'no-migration-running',
  Unreachable: 'unreachable',
  /** A cmdlet's own failure, rethrown with its HRESULT (`0x8007000E`) as the target object. */
  CmdletFailed: 'operation-failed',
} as const satisfies Record<string, ClusterErrorCode>;

export type ScriptErrorName = keyof typeof scriptErrorIds;

/** Fails to compile when a ClusterErrorCode has no id. */
const everyCodeHasAnId: Record<Exclude<ClusterErrorCode, (typeof scriptErrorIds)[ScriptErrorName]>, never> = {};
void everyCodeHasAnId;

export const SCRIPT_ERROR_PREFIX = 'HyperVChatOps.';

const nameByCode = new Map<ClusterErrorCode, ScriptErrorName>(
  Object.entries(scriptErrorIds).map(([name, code]) => [code, name as ScriptErrorName]),
);

/** `node-not-up` → `HyperVChatOps.NodeNotUp`. */
export function scriptErrorIdFor(code: ClusterErrorCode): string {
  return `${SCRIPT_ERROR_PREFIX}${nameByCode.get(code) ?? 'CmdletFailed'}`;
}

/**
 * The ClusterError code of a FullyQualifiedErrorId, or undefined if it is not one of ours.
 * PowerShell may append `,<command>` to an id (`HyperVChatOps.NodeNotUp,migrate-vm.ps1`): only
 * the part before the first comma counts.
 */
export function clusterErrorCodeForId(fullyQualifiedErrorId: string | undefined): ClusterErrorCode | undefined {
  const id = fullyQualifiedErrorId?.split(',')[0]?.trim() ?? '';
  if (!id.startsWith(SCRIPT_ERROR_PREFIX)) return undefined;
  const name = id.slice(SCRIPT_ERROR_PREFIX.length);
  return Object.hasOwn(scriptErrorIds, name) ? scriptErrorIds[name as ScriptErrorName] : undefined;
}
