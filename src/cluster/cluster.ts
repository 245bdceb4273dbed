/**
 * @module cluster: the Cluster port, the only way commands touch a failover cluster.
 * SimulatedCluster and RemoteCluster implement it and pass one contract test suite
 * (test/cluster/contract.ts). Names are passed exactly as the user or the cluster gave them;
 * implementations match VM and node names case-insensitively, as Windows does.
 */
import type { ClusterEvent, EventQuery } from './cluster-events.js';
import type { ValidateOptions, ValidationReport } from './validation.js';

export type * from './validation.js';
export type * from './cluster-events.js';

export type NodeState = 'Up' | 'Down' | 'Paused' | 'Joining' | 'Unknown';
export type DrainStatus = 'NotInitiated' | 'InProgress' | 'Completed' | 'Failed';
export type VmState = 'Running' | 'Off' | 'Saved' | 'Paused' | 'Starting' | 'Stopping' | 'Saving' | 'Other';
export type VolumeState = 'Online' | 'Offline' | 'Failed' | 'Pending';
export type MigrationType = 'live' | 'quick';
export type FailbackMode = 'none' | 'immediate' | 'policy';
/** VMHost.VirtualMachineMigrationPerformanceOption: how live migration moves memory. */
export type MigrationPerformance = 'TCPIP' | 'Compression' | 'SMB' | 'Unknown';

export interface ClusterNode {
  name: string;
  state: NodeState;
  drainStatus: DrainStatus;
  memoryTotalMB: number;
  /** Memory a new VM can use on this node now. */
  memoryFreeMB: number;
  /**
   * Simultaneous live migrations this node takes part in: the cluster's MaximumParallelMigrations
   * when the cluster has one (it overrides the hosts), else the host's MaximumVirtualMachineMigrations.
   */
  liveMigrationLimit: number;
  /** The host's own MaximumVirtualMachineMigrations; undefined when it could not be read. */
  hostMigrationLimit?: number;
  /** The cluster's MaximumParallelMigrations (2022-09 CU and later); undefined when the cluster has none. */
  clusterMigrationLimit?: number;
  migrationPerformance?: MigrationPerformance;
}

export interface ClusterVm {
  name: string;
  /** The VM's GUID, the identity once a name has been resolved. */
  id: string;
  ownerNode: string;
  state: VmState;
  memoryMB: number;
  clustered: boolean;
  /** The nodes that may own the VM's cluster resource; undefined when every node may. */
  possibleOwners?: string[];
}

/** Get-ClusterSharedVolumeState's StateInfo on one node, when it is not Direct. */
export interface VolumeRedirection {
  node: string;
  access: 'FileSystemRedirected' | 'BlockRedirected';
  /** FileSystemRedirectedIOReason or BlockRedirectedIOReason as Windows names it: UserRequest, NoDiskConnectivity, … */
  reason: string;
}

export interface SharedVolume {
  name: string;
  /** The coordinator node. */
  ownerNode: string;
  state: VolumeState;
  path: string;
  sizeGB: number;
  freeGB: number;
  /** Nodes whose I/O to the volume is redirected; empty when every node has direct access. */
  redirected: VolumeRedirection[];
}

/** A finished Move-ClusterSharedVolume. */
export interface VolumeMove {
  volume: string;
  source: string;
  target: string;
  durationMs: number;
}

export interface StopOptions {
  /** Turn the VM off (Stop-VM -TurnOff) instead of shutting the guest down: unsaved data is lost. */
  force?: boolean;
}

/** A checkpoint (Hyper-V snapshot) of a VM. */
export interface VmCheckpoint {
  vm: string;
  name: string;
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** The checkpoint it was taken on top of. */
  parent?: string;
}

export type MigrationPhase =
  | 'starting'
  | 'memory-copy'
  | 'blackout'
  | 'saving'
  | 'moving'
  | 'restoring'
  | 'done';

export interface MigrationProgress {
  vm: string;
  percent: number;
  phase: MigrationPhase;
  /** Memory copy pass, 1-based, during live migration. */
  pass?: number;
}

export interface MigrationOutcome {
  vm: string;
  source: string;
  target: string;
  type: MigrationType;
  /** From start to the VM running on the target. */
  durationMs: number;
  /** Time the guest was not running: the blackout (live) or save-to-restore (quick). */
  downtimeMs?: number;
}

export interface MigrationRequest {
  vm: string;
  node: string;
  type: MigrationType;
}

export interface WatchOptions {
  /** How often to look at the migration (default chosen by the implementation). */
  pollMs?: number;
  signal?: AbortSignal;
}

export interface Cluster {
  readonly name: string;
  listNodes(): Promise<ClusterNode[]>;
  /**
   * Whether the cluster answers at all, as cheaply as it can be asked (the health check): a
   * remote cluster reads its membership at the entry node only, not every node's host.
   * Without it, listNodes is asked.
   */
  answers?(): Promise<void>;
  listVms(filter?: { node?: string }): Promise<ClusterVm[]>;
  /** The VM, or undefined when no VM has that name. */
  getVm(name: string): Promise<ClusterVm | undefined>;
  listVolumes(): Promise<SharedVolume[]>;
  /** Starts a migration and returns as soon as the cluster accepted it. */
  migrateVm(request: MigrationRequest): Promise<void>;
  /**
   * Follows a started migration: yields progress until the VM runs on the target,
   * then returns the outcome. Throws a ClusterError when the migration fails.
   */
  watchMigration(request: MigrationRequest, options?: WatchOptions): AsyncGenerator<MigrationProgress, MigrationOutcome>;
  /** Cancels a running live migration; the VM stays on its source. */
  cancelMigration(vm: string): Promise<void>;
  /** Pauses a node so that no role is placed on it (Suspend-ClusterNode without -Drain). */
  pauseNode(node: string): Promise<void>;
  /** Resumes a paused node (Resume-ClusterNode), optionally failing its roles back. */
  resumeNode(node: string, options?: { failback?: FailbackMode }): Promise<void>;
  /** Makes `node` the coordinator of a Cluster Shared Volume (Move-ClusterSharedVolume); I/O pauses briefly. */
  moveVolume(volume: string, node: string): Promise<VolumeMove>;
  /** Runs Test-Cluster (without Storage unless asked) plus the checks it misses, and reports. */
  validate(options?: ValidateOptions): Promise<ValidationReport>;
  /** Start-VM; resolves with the VM running. */
  startVm(vm: string): Promise<ClusterVm>;
  /** Stop-VM: a guest shutdown, or with `force` a turn-off; resolves with the VM off. */
  stopVm(vm: string, options?: StopOptions): Promise<ClusterVm>;
  /** Save-VM; resolves with the VM saved. */
  saveVm(vm: string): Promise<ClusterVm>;
  /** Restart-VM: a hard restart; resolves with the VM running again. */
  restartVm(vm: string): Promise<ClusterVm>;
  /** Checkpoint-VM, named `name` or as Hyper-V names it. */
  checkpointVm(vm: string, name?: string): Promise<VmCheckpoint>;
  /** The VM's checkpoints, oldest first. */
  listCheckpoints(vm: string): Promise<VmCheckpoint[]>;
  /** Failover-clustering and Hyper-V high-availability events that matter, newest first. */
  recentEvents(query: EventQuery): Promise<ClusterEvent[]>;
}
