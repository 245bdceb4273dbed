/**
 * @module simulator/cluster-model: the simulated cluster's state (nodes, VMs, volumes, migrations
 * under way and past) and the lookups and memory accounting every operation shares.
 */
import type { Clock } from '../clock.js';
import type { ClusterEvent } from '../cluster-events.js';
import type { DrainStatus, MigrationOutcome, MigrationPerformance, MigrationType, SharedVolume, VmCheckpoint, VmState } from '../cluster.js';
import type { ClusterErrorCode } from '../errors.js';
import type { WindowsErrorExplanation } from '../windows-errors.js';
import type { FailureInjection, ScheduledFailure } from './failure-injection.js';
import type { ResolvedInventory, ValidationFinding } from './inventory.js';
import type { MigrationPlan } from './migration-plan.js';

export type SimulatedNodeState = 'Up' | 'Paused' | 'Down';

export interface NodeModel {
  name: string;
  state: SimulatedNodeState;
  drainStatus: DrainStatus;
  memoryTotalMB: number;
  reserveMB: number;
  /** The effective limit: the cluster's MaximumParallelMigrations when set, else the host's. */
  liveMigrationLimit: number;
  hostMigrationLimit: number;
  migrationPerformance: MigrationPerformance;
  /** Ids of VMs that migrated away while this node was paused (for failback on resume). */
  leftWhilePaused: string[];
}

export interface VmModel {
  id: string;
  name: string;
  ownerNode: string;
  state: VmState;
  memoryMB: number;
  dirtyMBps: number;
  clustered: boolean;
  possibleOwners?: string[];
  /** Oldest first. */
  checkpoints: Omit<VmCheckpoint, 'vm'>[];
  /** A power change under way (start, stop, save, restart): the VM is busy until it ends. */
  powerChange?: { action: string; until: number };
}

export interface VolumeModel extends SharedVolume {
  persistentReservations: boolean;
  /** A Move-ClusterSharedVolume under way. */
  moving?: { target: string; until: number };
}

/** An event in a node's log; `about` names the VMs, nodes and volumes it concerns. */
export interface EventRecord extends ClusterEvent {
  about: string[];
}

export interface ActiveMigration {
  id: number;
  vmId: string;
  source: string;
  target: string;
  type: MigrationType;
  startedAt: number;
  plan: MigrationPlan;
  failure?: ScheduledFailure;
}

/** A migration the cluster will start by itself when the nodes have a free slot (failback). */
export interface QueuedMove {
  vmId: string;
  target: string;
}

export type MigrationResult =
  | { kind: 'succeeded'; outcome: MigrationOutcome }
  | {
    kind: 'failed' | 'cancelled';
    code: ClusterErrorCode;
    message: string;
    details: Record<string, string | number>;
    explanation?: WindowsErrorExplanation;
  };

export interface MigrationRecord {
  id: number;
  vm: string;
  vmId: string;
  source: string;
  target: string;
  type: MigrationType;
  startedAt: number;
  endedAt: number;
  result: MigrationResult;
}

export interface ClusterModel {
  name: string;
  nodes: NodeModel[];
  vms: VmModel[];
  volumes: VolumeModel[];
  /** The cluster's MaximumParallelMigrations, when it has one. */
  maximumParallelMigrations?: number;
  /** Newest last; kept to the last 500. */
  events: EventRecord[];
  validationFindings: ValidationFinding[];
  /** A Test-Cluster under way. */
  validating: boolean;
  active: ActiveMigration[];
  queue: QueuedMove[];
  /** Finished migrations per VM id, oldest first. */
  history: Map<string, MigrationRecord[]>;
  injections: FailureInjection[];
  maxConcurrent: Record<string, number>;
  /** Finished migrations by result, since the start. */
  tally: Record<MigrationResult['kind'], number>;
  nextMigrationId: number;
}

/** What the simulator's operations need: the clock, and the model settled to its time. */
export interface ModelAccess {
  readonly clock: Clock;
  sync(): ClusterModel;
}

/** VMs in these states hold their memory on their owner node. */
const residentStates: ReadonlySet<VmState> = new Set<VmState>(['Running', 'Paused', 'Saved', 'Saving', 'Starting', 'Stopping']);

export function createModel(inv: ResolvedInventory): ClusterModel {
  const canonical = (node: string) => inv.nodes.find((n) => sameName(n.name, node))?.name ?? node;
  return {
    name: inv.name,
    nodes: inv.nodes.map((n) => ({
      name: n.name, state: n.state, drainStatus: 'NotInitiated', memoryTotalMB: n.memoryMB, reserveMB: n.reserveMB,
      liveMigrationLimit: inv.maximumParallelMigrations ?? n.liveMigrationLimit, hostMigrationLimit: n.liveMigrationLimit,
      migrationPerformance: n.migrationPerformance, leftWhilePaused: [],
    })),
    vms: inv.vms.map((v) => ({
      id: v.id, name: v.name, ownerNode: canonical(v.node), state: v.state, memoryMB: v.memoryMB,
      dirtyMBps: v.dirtyMBps, clustered: v.clustered, checkpoints: [],
      ...(v.possibleOwners ? { possibleOwners: v.possibleOwners.map(canonical) } : {}),
    })),
    volumes: inv.volumes.map((v) => ({
      name: v.name, ownerNode: canonical(v.node), state: v.state, path: v.path, sizeGB: v.sizeGB, freeGB: v.freeGB,
      persistentReservations: v.persistentReservations,
      redirected: v.redirected.map((r) => ({ node: canonical(r.node), access: r.access, reason: r.reason })),
    })),
    ...(inv.maximumParallelMigrations === undefined ? {} : { maximumParallelMigrations: inv.maximumParallelMigrations }),
    events: [],
    validationFindings: inv.validationFindings,
    validating: false,
    active: [],
    queue: [],
    history: new Map(),
    injections: [],
    maxConcurrent: Object.fromEntries(inv.nodes.map((n) => [n.name, 0])),
    tally: { succeeded: 0, failed: 0, cancelled: 0 },
    nextMigrationId: 1,
  };
}

/** Windows compares cluster object names without regard to case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function findVm(model: ClusterModel, name: string): VmModel | undefined {
  return model.vms.find((v) => sameName(v.name, name));
}

export function findNode(model: ClusterModel, name: string): NodeModel | undefined {
  return model.nodes.find((n) => sameName(n.name, name));
}

export function vmById(model: ClusterModel, id: string): VmModel {
  const vm = model.vms.find((v) => v.id === id);
  if (!vm) throw new Error(`simulator: no VM with id ${id}`);
  return vm;
}

export function isResident(vm: VmModel): boolean {
  return residentStates.has(vm.state);
}

/** Total − reserve − VMs on the node (running or saved) − memory reserved by incoming migrations. */
export function memoryFreeMB(model: ClusterModel, node: NodeModel): number {
  const owned = model.vms.filter((v) => v.ownerNode === node.name && isResident(v));
  const incoming = model.active.filter((m) => m.target === node.name).map((m) => vmById(model, m.vmId)).filter(isResident);
  const used = [...owned, ...incoming].reduce((sum, v) => sum + v.memoryMB, 0);
  return node.memoryTotalMB - node.reserveMB - used;
}

/** Migrations under way in which the node takes part, as source or target. */
export function migrationsOn(model: ClusterModel, node: string): number {
  return model.active.filter((m) => m.source === node || m.target === node).length;
}

export function activeFor(model: ClusterModel, vmId: string): ActiveMigration | undefined {
  return model.active.find((m) => m.vmId === vmId);
}

/** Migrating, queued to fail back, or changing power state. */
export function isBusy(model: ClusterModel, vmId: string): boolean {
  return activeFor(model, vmId) !== undefined || model.queue.some((q) => q.vmId === vmId)
    || model.vms.some((v) => v.id === vmId && v.powerChange !== undefined);
}

export function findVolume(model: ClusterModel, name: string): VolumeModel | undefined {
  return model.volumes.find((v) => sameName(v.name, name));
}

/** Logs an event at `at`; keeps the newest 500. */
export function recordEvent(model: ClusterModel, event: EventRecord): void {
  model.events.push(event);
  if (model.events.length > 500) model.events.splice(0, model.events.length - 500);
}

export function lastRecord(model: ClusterModel, vmId: string): MigrationRecord | undefined {
  const records = model.history.get(vmId);
  return records?.[records.length - 1];
}

/** Keeps the most recent records per VM; older ones are of no use to a watcher. */
export function addRecord(model: ClusterModel, record: MigrationRecord, keep = 20): void {
  const records = model.history.get(record.vmId) ?? [];
  records.push(record);
  model.tally[record.result.kind] += 1;
  model.history.set(record.vmId, records.slice(-keep));
}
