/**
 * @module cluster: the Cluster port, the only way commands touch a failover cluster.
 * SimulatedCluster and RemoteCluster implement it and pass one contract test suite
 * (test/cluster/contract.ts). Names are passed exactly as the user or the cluster gave them;
 * implementations match VM and node names case-insensitively, as Windows does.
 */

export type NodeState = 'Up' | 'Down' | 'Paused' | 'Joining' | 'Unknown';
export type DrainStatus = 'NotInitiated' | 'InProgress' | 'Completed' | 'Failed';
export type VmState = 'Running' | 'Off' | 'Saved' | 'Paused' | 'Starting' | 'Stopping' | 'Saving' | 'Other';
export type VolumeState = 'Online' | 'Offline' | 'Failed' | 'Pending';
export type MigrationType = 'live' | 'quick';
export type FailbackMode = 'none' | 'immediate' | 'policy';

export interface ClusterNode {
  name: string;
  state: NodeState;
  drainStatus: DrainStatus;
  memoryTotalMB: number;
  /** Memory a new VM can use on this node now. */
  memoryFreeMB: number;
  /** Simultaneous live migrations this node takes part in (MaximumVirtualMachineMigrations). */
  liveMigrationLimit: number;
}

export interface ClusterVm {
  name: string;
  /** The VM's GUID, the identity once a name has been resolved. */
  id: string;
  ownerNode: string;
  state: VmState;
  memoryMB: number;
  clustered: boolean;
}

export interface SharedVolume {
  name: string;
  ownerNode: string;
  state: VolumeState;
  path: string;
  sizeGB: number;
  freeGB: number;
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
}
