/**
 * @module cluster/jea/function-names: the HyperVChatOps module's function for each cluster script
 * (the JEA surface). scripts/build-jea-module.mjs generates the module from the same table; a test
 * keeps the two equal.
 */
import type { ClusterScriptName } from '../scripts/index.js';

export const jeaFunctionNames = {
  'cancel-migration': 'Stop-ChatOpsMigration',
  'checkpoint-vm': 'Checkpoint-ChatOpsVm',
  'find-vm-host': 'Find-ChatOpsVmHost',
  'get-migration-jobs': 'Get-ChatOpsMigrationJob',
  'get-node-host': 'Get-ChatOpsNodeHost',
  'get-vm': 'Get-ChatOpsVm',
  'list-checkpoints': 'Get-ChatOpsCheckpoint',
  'list-events': 'Get-ChatOpsEvent',
  'list-nodes': 'Get-ChatOpsNode',
  'list-vms': 'Get-ChatOpsVmList',
  'list-volumes': 'Get-ChatOpsVolume',
  'migrate-vm': 'Move-ChatOpsVm',
  'move-volume': 'Move-ChatOpsVolume',
  'pause-node': 'Suspend-ChatOpsNode',
  'resume-node': 'Resume-ChatOpsNode',
  'set-vm-power': 'Set-ChatOpsVmPower',
  'validate-cluster': 'Test-ChatOpsCluster',
  'watch-migration': 'Watch-ChatOpsMigration',
} as const satisfies Readonly<Record<ClusterScriptName, string>>;

/** Every function the bot calls, sorted (what `cli check` looks for on a PSRP endpoint). */
export const jeaFunctions: readonly string[] = Object.values(jeaFunctionNames).sort();
