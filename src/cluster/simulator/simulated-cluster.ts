/**
 * @module simulator/simulated-cluster: an in-memory Hyper-V failover cluster implementing the Cluster port,
 * with inspection and failure injection. All time comes from the injected clock; the model is
 * settled to clock.now() at the start of every operation, so it runs deterministically under a
 * virtual clock. Product code: the demo, rehearsals, tests and benchmarks use it.
 */
import type { Clock } from '../clock.js';
import type { Cluster, FailbackMode, MigrationRequest } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { admitMigration, requireNode, requireVm } from './admission.js';
import { createModel, findVm, isBusy, migrationsOn, type MigrationRecord, type SimulatedNodeState } from './cluster-model.js';
import type { FailureInjection } from './failure-injection.js';
import { resolveInventory, type ClusterInventory } from './inventory.js';
import { beginMigration, cancelActive, nodeWentDown, settle, startQueued, type Simulation } from './migration-engine.js';
import { defaultMigrationTiming, type MigrationTiming } from './migration-plan.js';
import { migrationView, nodeView, vmView, volumeView, type SimulatedMigration } from './views.js';
import { watchSimulatedMigration } from './watch-migration.js';
import { queryEvents } from './event-log.js';
import { runSimulatedValidation } from './validation-run.js';
import { changeSimulatedPower } from './vm-power.js';
import { listSimulatedCheckpoints, takeSimulatedCheckpoint } from './vm-checkpoints.js';
import { moveSimulatedVolume } from './volume-moves.js';

export type { FailureInjection, FailureKind, MigrationFailureKind, RefusalKind } from './failure-injection.js';
export type { MigrationRecord, SimulatedNodeState } from './cluster-model.js';
export type { SimulatedMigration } from './views.js';

export interface SimulatedClusterOptions {
  /** What the cluster contains; validated (throws InventoryError). */
  inventory: ClusterInventory;
  clock: Clock;
  /** Live migration bandwidth, MB/s (default 2048). */
  bandwidthMBps?: number;
  /** Other timing constants (passes, threshold, blackout, save/restore rates). */
  timing?: Partial<MigrationTiming>;
}

export interface SimulatorStats {
  /** Per node, the most migrations it took part in at once (as source or target), live and quick. */
  maxConcurrentMigrations: Record<string, number>;
  /** Per node, the migrations it takes part in now. */
  activeMigrations: Record<string, number>;
  started: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export interface SimulatedCluster extends Cluster {
  stats(): SimulatorStats;
  /** Forgets the recorded maxima (e.g. between benchmark runs). */
  resetStats(): void;
  /** Arms a failure for the next migration that matches it. */
  injectFailure(failure: FailureInjection): void;
  /** Sets a node's state as if it happened now; Down fails every migration the node takes part in. */
  setNodeState(node: string, state: SimulatedNodeState): void;
  /** Migrations under way. */
  migrations(): SimulatedMigration[];
  /** Finished migrations of one VM, oldest first. */
  history(vm: string): MigrationRecord[];
}

export function createSimulatedCluster(options: SimulatedClusterOptions): SimulatedCluster {
  const raw = options.inventory as { name?: unknown };
  const inventory = resolveInventory(options.inventory, `inventory "${String(raw.name ?? '?')}"`);
  const timing = { ...defaultMigrationTiming, ...options.timing, ...(options.bandwidthMBps ? { bandwidthMBps: options.bandwidthMBps } : {}) };
  const sim: Simulation = { model: createModel(inventory), timing };
  const { clock } = options;
  const sync = () => {
    settle(sim, clock.now());
    return sim.model;
  };
  const access = { clock, sync };

  return {
    name: inventory.name,
    async listNodes() {
      const model = sync();
      return model.nodes.map((n) => nodeView(model, n));
    },
    async listVms(filter) {
      const model = sync();
      const node = filter?.node === undefined ? undefined : requireNode(model, filter.node).name;
      return model.vms.filter((v) => node === undefined || v.ownerNode === node).map((v) => vmView(model, v, clock.now()));
    },
    async getVm(name) {
      const model = sync();
      const vm = findVm(model, name);
      return vm && vmView(model, vm, clock.now());
    },
    async listVolumes() {
      return sync().volumes.map(volumeView);
    },
    async migrateVm(request: MigrationRequest) {
      const { vm, target } = admitMigration(sync(), request);
      beginMigration(sim, vm, target, request.type, clock.now());
    },
    watchMigration: (request, watchOptions) => watchSimulatedMigration({ clock, sync }, request, watchOptions),
    async cancelMigration(name) {
      const model = sync();
      const vm = requireVm(model, name);
      const queued = model.queue.findIndex((q) => q.vmId === vm.id);
      if (queued >= 0) model.queue.splice(queued, 1);
      else cancelActive(model, vm, clock.now());
    },
    async pauseNode(name) {
      const node = requireNode(sync(), name);
      if (node.state === 'Down') throw new ClusterError('node-not-up', `${node.name} is down and cannot be paused`, { node: node.name, state: node.state });
      if (node.state === 'Up') {
        node.state = 'Paused';
        node.leftWhilePaused = [];
      }
    },
    async resumeNode(name, resumeOptions) {
      resume(sim, requireNode(sync(), name).name, resumeOptions?.failback ?? 'none', clock.now());
    },
    moveVolume: (volume, node) => moveSimulatedVolume(access, volume, node),
    validate: (validateOptions) => runSimulatedValidation(access, validateOptions),
    startVm: (name) => changeSimulatedPower(access, timing, name, 'start'),
    stopVm: (name, stopOptions) => changeSimulatedPower(access, timing, name, stopOptions?.force ? 'turn-off' : 'shutdown'),
    saveVm: (name) => changeSimulatedPower(access, timing, name, 'save'),
    restartVm: (name) => changeSimulatedPower(access, timing, name, 'restart'),
    checkpointVm: (name, checkpointName) => takeSimulatedCheckpoint(access, name, checkpointName),
    listCheckpoints: async (name) => listSimulatedCheckpoints(access, name),
    recentEvents: async (query) => queryEvents(sync(), query, clock.now()),
    stats() {
      sync();
      return stats(sim);
    },
    resetStats() {
      const model = sync();
      for (const node of model.nodes) model.maxConcurrent[node.name] = migrationsOn(model, node.name);
    },
    injectFailure(failure) {
      sim.model.injections.push({ ...failure });
    },
    setNodeState(name, state) {
      const node = requireNode(sync(), name);
      if (state === 'Down') nodeWentDown(sim.model, node, clock.now());
      else node.state = state;
      startQueued(sim, clock.now());
    },
    migrations: () => sync().active.map((m) => migrationView(sim.model, m, clock.now())),
    history: (name) => [...(sync().history.get(requireVm(sim.model, name).id) ?? [])],
  };
}

/**
 * Resume-ClusterNode: a paused node comes back Up. With failback 'immediate' the VMs that left it
 * while it was paused are live-migrated back, queued through each node's live migration limit.
 * 'policy' follows the default group policy, which is not to fail back.
 */
function resume(sim: Simulation, name: string, failback: FailbackMode, now: number): void {
  const { model } = sim;
  const node = model.nodes.find((n) => n.name === name)!;
  if (node.state === 'Down') throw new ClusterError('node-not-up', `${node.name} is down; only a paused node can be resumed`, { node: node.name, state: node.state });
  if (node.state !== 'Paused') return;
  node.state = 'Up';
  node.drainStatus = 'NotInitiated';
  const returning = failback === 'immediate' ? node.leftWhilePaused : [];
  node.leftWhilePaused = [];
  for (const vmId of returning) {
    const vm = model.vms.find((v) => v.id === vmId);
    if (vm && vm.clustered && vm.ownerNode !== node.name && !isBusy(model, vm.id)) model.queue.push({ vmId, target: node.name });
  }
  startQueued(sim, now);
}

function stats({ model }: Simulation): SimulatorStats {
  return {
    maxConcurrentMigrations: { ...model.maxConcurrent },
    activeMigrations: Object.fromEntries(model.nodes.map((n) => [n.name, migrationsOn(model, n.name)])),
    started: model.nextMigrationId - 1,
    ...model.tally,
  };
}
