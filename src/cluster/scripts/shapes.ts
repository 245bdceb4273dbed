/**
 * @module cluster/scripts/shapes: the JSON each script prints on stdout, as the scripts write it
 * (enums as names, dates as ISO 8601 'o' strings, lists always arrays). The client parses these
 * tolerantly (Windows PowerShell 5.1 may still hand it numbers, `\/Date(ms)\/` or a lone object);
 * the simulator's script host prints exactly these shapes.
 */

/** list-nodes.ps1, one per node: what the cluster database says (any node can read it). */
export interface NodeRow {
  name: string;
  id: string;
  /** ClusterNode.State: Up, Down, Paused, Joining, Unknown. */
  state: string;
  /** ClusterNode.DrainStatus: NotInitiated, InProgress, Completed, Failed. */
  drainStatus: string;
  /** (Get-Cluster).MaximumParallelMigrations; null on clusters without it. */
  clusterMigrationLimit: number | null;
}

/** get-node-host.ps1: the node it runs on, as a Hyper-V host. */
export interface NodeHostRow {
  memoryTotalMB: number;
  memoryFreeMB: number;
  /** VMHost.MaximumVirtualMachineMigrations. */
  hostMigrationLimit: number;
  /** VMHost.VirtualMachineMigrationPerformanceOption: TCPIP, Compression, SMB. */
  migrationPerformance: string;
}

/** find-vm-host.ps1: where the cluster says a VM runs. */
export interface VmHostRow {
  /** The owner node of the VM's clustered role; null when the cluster holds no VM of that name. */
  owner: string | null;
  /** ClusterNode.State of the owner. */
  ownerState: string | null;
  /** The nodes that are not down. */
  upNodes: string[];
}

/** get-migration-jobs.ps1: the node's jobs of one VM. */
export interface MigrationJobsRow {
  jobs: MigrationJobRow[];
  lastJob: MigrationJobRow | null;
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
  /** Get-ClusterOwnerNode of the VM resource; empty for a VM that is not clustered (or every node may own it). */
  possibleOwners: string[];
}

/** One row of Get-ClusterSharedVolumeState: a volume's access from one node. */
export interface VolumeAccessRow {
  node: string;
  /** Direct, FileSystemRedirected, BlockRedirected. */
  stateInfo: string;
  /** FileSystemRedirectedIOReason: NotFileSystemRedirected, UserRequest, FileSystemReFs, … */
  fileSystemReason: string;
  /** BlockRedirectedIOReason: NotBlockRedirected, NoDiskConnectivity, StorageSpaceNotAttached, … */
  blockReason: string;
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
  /** One per node; empty when Get-ClusterSharedVolumeState could not be read. */
  access: VolumeAccessRow[];
}

/** move-volume.ps1: the finished move. */
export interface VolumeMovedRow {
  volume: string;
  source: string;
  target: string;
  durationMs: number;
}

/** validate-cluster.ps1. */
export interface ValidationRow {
  /** The "Test Result:" line as Test-Cluster wrote it, or null. */
  result: string | null;
  includedStorage: boolean;
  categories: { category: string; passed: number; warnings: number; failed: number }[];
  problems: { category: string; test: string; outcome: 'warning' | 'failed'; message: string }[];
  reportPath: string | null;
  durationMs: number;
  checks: { check: string; subject: string; ok: boolean | null; message: string }[];
}

/** checkpoint-vm.ps1 (the new one) and list-checkpoints.ps1 (one per checkpoint). */
export interface CheckpointRow {
  vm: string;
  name: string;
  id: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  parent: string | null;
}

/** list-events.ps1, newest first. */
export interface EventRow {
  /** ISO 8601, UTC. */
  at: string;
  id: number;
  /** Critical, Error, Warning, Information. */
  level: string;
  node: string;
  log: string;
  message: string;
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
  /** For a failed job: 21502 when the source logged that a live migration of the VM failed. */
  failureEventId: number | null;
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
  /** Running jobs (JobState 4) for the VM on the node the watch ran on (its owner). */
  jobs: MigrationJobRow[];
  /** The newest finished job for the VM on that node (they stay listed for 5 minutes). */
  lastJob: MigrationJobRow | null;
  /** The nodes that are not down (where the bot looks for the job once the VM has moved). */
  upNodes: string[];
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
  'get-node-host': NodeHostRow;
  'list-vms': VmRow[];
  'get-vm': VmRow[];
  'list-volumes': VolumeRow[];
  'find-vm-host': VmHostRow;
  'migrate-vm': MigrationStartedRow;
  'watch-migration': WatchSnapshotRow;
  'get-migration-jobs': MigrationJobsRow;
  'cancel-migration': MigrationCancelledRow;
  'pause-node': NodeChangedRow;
  'resume-node': NodeChangedRow;
  'move-volume': VolumeMovedRow;
  'validate-cluster': ValidationRow;
  /** The VM afterwards. */
  'set-vm-power': VmRow;
  'checkpoint-vm': CheckpointRow;
  'list-checkpoints': CheckpointRow[];
  'list-events': EventRow[];
}
