/**
 * @module cluster/scripts/shapes: the JSON each script prints on stdout, as the scripts write it
 * (enums as names, dates as ISO 8601 'o' strings, lists always arrays). The client parses these
 * tolerantly (Windows PowerShell 5.1 may still hand it numbers, `\/Date(ms)\/` or a lone object);
 * the simulator's script host prints exactly these shapes.
 */

/** list-nodes.ps1, one per node. Memory and limit are null when the node cannot be read. */
export interface NodeRow {
  name: string;
  id: string;
  /** ClusterNode.State: Up, Down, Paused, Joining, Unknown. */
  state: string;
  /** ClusterNode.DrainStatus: NotInitiated, InProgress, Completed, Failed. */
  drainStatus: string;
  memoryTotalMB: number | null;
  memoryFreeMB: number | null;
  liveMigrationLimit: number | null;
}

/** list-vms.ps1 and get-vm.ps1, one per VM. */
export interface VmRow {
  name: string;
  /** The VM's GUID. */
  id: string;
  ownerNode: string;
  /** Microsoft.HyperV.PowerShell.VMState name: Running, Off, Saved, Paused, Starting, Saving, … */
  state: string;
  memoryMB: number;
  clustered: boolean;
}

/** list-volumes.ps1, one per Cluster Shared Volume. */
export interface VolumeRow {
  name: string;
  ownerNode: string;
  /** ClusterResourceState name: Online, Offline, Failed, OnlinePending, … */
  state: string;
  path: string | null;
  sizeGB: number | null;
  freeGB: number | null;
}

/** migrate-vm.ps1: the migration the cluster accepted. */
export interface MigrationStartedRow {
  vm: string;
  id: string;
  source: string;
  target: string;
  type: 'Live' | 'Quick';
}

/** An Msvm_MigrationJob, projected. */
export interface MigrationJobRow {
  /** The node whose Hyper-V service holds the job (the migration's source). */
  host: string;
  destinationHost: string | null;
  /** Msvm_ConcreteJob.JobState, a number: 4 Running, 7 Completed, 8 Terminated, 10 Exception, … */
  jobState: number;
  percentComplete: number;
  /** ISO 8601, UTC. */
  startTime: string | null;
  elapsedMs: number | null;
  /** Msvm_ConcreteJob.ErrorCode (uint16): 0, or e.g. 32768 Failed, 32778 Out of memory. */
  errorCode: number;
  errorDescription: string | null;
  /** From event 20415/20417 on the source, for a completed live migration. */
  blackoutMs: number | null;
}

/** watch-migration.ps1: one look at a VM's migration. */
export interface WatchSnapshotRow {
  vm: {
    name: string;
    id: string;
    ownerNode: string;
    /** ClusterGroup.State: Online, Offline, Failed, PartialOnline, Pending, Unknown. */
    groupState: string;
    /** The Virtual Machine resource's ClusterResourceState: Online, OfflinePending, Offline, OnlinePending, … */
    resourceState: string;
    /** Get-VM's State, or Unknown when the owner cannot be read. */
    vmState: string;
  };
  /** The target node's name as the cluster spells it. */
  target: string;
  /** Running jobs (JobState 4) for the VM, on every node that could be read. */
  jobs: MigrationJobRow[];
  /** The newest finished job for the VM (they stay listed for 5 minutes). */
  lastJob: MigrationJobRow | null;
  /** The VM resource's private properties; null where the OS does not report them. */
  resource: {
    /** 0 none, 1 Setup, 2 Data Transfer, 3 Move, 4 Canceled, 5 Failure. */
    migrationState: number | null;
    migrationProgress: number | null;
    /** An HRESULT as an unsigned number (0x8007000E = 2147942414). */
    migrationFailureReason: number | null;
  };
}

/** cancel-migration.ps1. */
export interface MigrationCancelledRow {
  vm: string;
  cancelled: boolean;
}

/** pause-node.ps1 and resume-node.ps1: the node afterwards. */
export interface NodeChangedRow {
  name: string;
  state: string;
  drainStatus: string;
}

/** What each script prints. */
export interface ScriptOutputs {
  'list-nodes': NodeRow[];
  'list-vms': VmRow[];
  'get-vm': VmRow[];
  'list-volumes': VolumeRow[];
  'migrate-vm': MigrationStartedRow;
  'watch-migration': WatchSnapshotRow;
  'cancel-migration': MigrationCancelledRow;
  'pause-node': NodeChangedRow;
  'resume-node': NodeChangedRow;
}
