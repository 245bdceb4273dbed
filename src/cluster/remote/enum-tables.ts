/**
 * @module cluster/remote/enum-tables: the numbers behind the enums the scripts print as names,
 * for when Windows PowerShell 5.1's ConvertTo-Json hands over a number instead (it serializes
 * enums as their value). Sources: research/hyperv-cluster-ops.md §4.2 and §2.1, §2.3.
 */

/** CLUSTER_NODE_STATE (clusapi.h; Learn: cluster_node_state). */
export const ClusterNodeState = { '-1': 'Unknown', 0: 'Up', 1: 'Down', 2: 'Paused', 3: 'Joining' } as const;

/** ClusterNode.DrainStatus (Learn: mscs/nodes-nodedrainstatus). */
export const ClusterNodeDrainStatus = { 0: 'NotInitiated', 1: 'InProgress', 2: 'Completed', 3: 'Failed' } as const;

/** ClusterGroup.State (Learn: mscs/clusresgroup-state; msclus.h). */
export const ClusterGroupState = {
  '-1': 'Unknown', 0: 'Online', 1: 'Offline', 2: 'Failed', 3: 'PartialOnline', 4: 'Pending',
} as const;

/** CLUSTER_RESOURCE_STATE (clusapi.h), the state of a resource and of a Cluster Shared Volume. */
export const ClusterResourceState = {
  '-1': 'Unknown', 0: 'Inherited', 1: 'Initializing', 2: 'Online', 3: 'Offline', 4: 'Failed',
  128: 'Pending', 129: 'OnlinePending', 130: 'OfflinePending',
} as const;

/**
 * Microsoft.HyperV.PowerShell.VMState (decompiled VMState.cs, nforgeio/neonSDK; research §4.2).
 * From ForceReboot on, the values differ between Windows versions (Server 2016 lacks Hibernated
 * and ComponentServicing): the scripts print names, and these numbers are the last resort.
 */
export const HyperVVmState = {
  1: 'Other', 2: 'Running', 3: 'Off', 4: 'Stopping', 6: 'Saved', 9: 'Paused', 10: 'Starting', 11: 'Reset',
  32773: 'Saving', 32776: 'Pausing', 32777: 'Resuming', 32779: 'FastSaved', 32780: 'FastSaving',
  32781: 'ForceShutdown', 32782: 'ForceReboot', 32783: 'Hibernated', 32784: 'ComponentServicing',
  32785: 'RunningCritical', 32786: 'OffCritical', 32787: 'StoppingCritical', 32788: 'SavedCritical',
  32789: 'PausedCritical', 32790: 'StartingCritical', 32791: 'ResetCritical', 32792: 'SavingCritical',
  32793: 'PausingCritical', 32794: 'ResumingCritical', 32795: 'FastSavedCritical', 32796: 'FastSavingCritical',
} as const;

/** Msvm_ConcreteJob.JobState, inherited by Msvm_MigrationJob (Learn: msvm-migrationjob). */
export const MsvmJobState = {
  2: 'New', 3: 'Starting', 4: 'Running', 5: 'Suspended', 6: 'ShuttingDown', 7: 'Completed',
  8: 'Terminated', 9: 'Killed', 10: 'Exception', 11: 'Service',
} as const;

/** The Virtual Machine resource's MigrationState private property (Learn: virtual-machines-migrationstate). */
export const VmResourceMigrationState = {
  0: 'NoMigration', 1: 'Setup', 2: 'DataTransfer', 3: 'Move', 4: 'Canceled', 5: 'Failure',
} as const;

/** Microsoft.HyperV.PowerShell.VMMigrationPerformance (decompiled, research §4.2); -1 is not Windows', only what an unknown value reads as. */
export const VmMigrationPerformance = { 0: 'TCPIP', 1: 'Compression', 2: 'SMB', '-1': 'Unknown' } as const;

/** EventLogEntry level numbers (Get-WinEvent's Level). */
export const EventLevel = { 0: 'Information', 1: 'Critical', 2: 'Error', 3: 'Warning', 4: 'Information', 5: 'Information' } as const;

export type EnumTable = Readonly<Record<string, string>>;
export type EnumName<T extends EnumTable> = T[keyof T];

/**
 * The name for `value`: a number looked up in the table, a name matched without regard to case
 * (and returned as the table spells it). Anything else is `fallback`.
 */
export function enumName<T extends EnumTable>(table: T, value: unknown, fallback: EnumName<T>): EnumName<T> {
  if (typeof value === 'number') return (table[String(value)] as EnumName<T> | undefined) ?? fallback;
  if (typeof value !== 'string') return fallback;
  if (/^-?\d+$/.test(value.trim())) return enumName(table, Number(value.trim()), fallback);
  const wanted = value.trim().toLowerCase();
  const found = Object.values(table).find((name) => name.toLowerCase() === wanted);
  return (found as EnumName<T> | undefined) ?? fallback;
}
