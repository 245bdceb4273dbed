/**
 * @module simulator/migration-engine: the state machine of migrations. Nothing runs in the
 * background: each migration carries its plan, and `settle(now)` applies, in time order, every
 * completion and failure that has happened by `now` (and starts queued failback moves as slots
 * free up). Deterministic under any clock.
 */
import { ClusterError } from '../errors.js';
import type { MigrationType } from '../cluster.js';
import {
  activeFor, addRecord, findNode, isBusy, isResident, memoryFreeMB, migrationsOn, vmById,
  type ActiveMigration, type ClusterModel, type NodeModel, type VmModel,
} from './cluster-model.js';
import { explainWindowsError } from '../windows-errors.js';
import { logMigrationFailure, logNodeRemoved, logVolumePaused } from './event-log.js';
import { failureKinds, failureMessage, scheduleFailure, takeMigrationFailure, type ScheduledFailure } from './failure-injection.js';
import {
  planLiveMigration, planOwnershipMove, planQuickMigration, positionAt,
  type MigrationPlan, type MigrationTiming,
} from './migration-plan.js';

export interface Simulation {
  model: ClusterModel;
  timing: MigrationTiming;
}

/** Starts a migration at time `at` (checks are the caller's); reserves the target's memory. */
export function beginMigration(sim: Simulation, vm: VmModel, target: NodeModel, type: MigrationType, at: number): ActiveMigration {
  const { model } = sim;
  const parties = { vm: vm.name, source: vm.ownerNode, target: target.name };
  const plan = planFor(sim.timing, vm, type);
  const injection = takeMigrationFailure(model.injections, parties);
  const migration: ActiveMigration = {
    id: model.nextMigrationId++, vmId: vm.id, source: vm.ownerNode, target: target.name, type, startedAt: at, plan,
    ...(injection ? { failure: scheduleFailure(injection, plan, parties) } : {}),
  };
  model.active.push(migration);
  for (const node of [migration.source, migration.target]) {
    model.maxConcurrent[node] = Math.max(model.maxConcurrent[node] ?? 0, migrationsOn(model, node));
  }
  return migration;
}

/** Applies everything that has happened by `now`, oldest event first. */
export function settle(sim: Simulation, now: number): void {
  for (;;) {
    const next = nextEvent(sim.model);
    if (!next || next.at > now) break;
    if (next.failure) strike(sim.model, next.migration, next.failure, next.at);
    else complete(sim.model, next.migration, next.at);
    startQueued(sim, next.at);
  }
}

/**
 * Marks the node Down at `at`: every migration it takes part in fails, a node still up logs 1135,
 * and the volumes it coordinated pause (5120) and move to a node that is up.
 */
export function nodeWentDown(model: ClusterModel, node: NodeModel, at: number): void {
  node.state = 'Down';
  for (const m of model.active.filter((a) => a.source === node.name || a.target === node.name)) {
    fail(model, m, { kind: 'node-down', node: node.name }, at);
  }
  logNodeRemoved(model, at, node.name);
  const heir = model.nodes.find((n) => n.state !== 'Down');
  for (const volume of model.volumes.filter((v) => v.ownerNode === node.name)) {
    if (!heir) {
      volume.state = 'Failed';
      continue;
    }
    logVolumePaused(model, at, volume, heir.name, 'STATUS_CONNECTION_DISCONNECTED(c000020c)');
    volume.ownerNode = heir.name;
  }
}

/** Cancels a live migration that has not reached its blackout; the VM stays on the source. */
export function cancelActive(model: ClusterModel, vm: VmModel, at: number): void {
  const m = activeFor(model, vm.id);
  if (!m) throw new ClusterError('no-migration-running', `${vm.name} is not migrating`, { vm: vm.name });
  const pos = positionAt(m.plan, at - m.startedAt);
  if (m.type !== 'live' || (pos.phase !== 'starting' && pos.phase !== 'memory-copy')) {
    const what = m.type === 'live' ? `is in its ${pos.phase} phase` : 'is in a quick migration';
    throw new ClusterError('no-migration-running', `${vm.name} ${what} to ${m.target} and can no longer be cancelled`,
      { vm: vm.name, phase: pos.phase, target: m.target });
  }
  end(model, m, at, {
    kind: 'cancelled', code: 'migration-cancelled',
    message: `the live migration of ${vm.name} to ${m.target} was cancelled; ${vm.name} is still running on ${m.source}`,
    details: { vm: vm.name, source: m.source, target: m.target, phase: pos.phase, percent: pos.percent },
  });
}

/** Starts queued moves whose VM, source and target allow it at `at`; drops those that no longer make sense. */
export function startQueued(sim: Simulation, at: number): void {
  const { model } = sim;
  for (const q of [...model.queue]) {
    const vm = vmById(model, q.vmId);
    const target = findNode(model, q.target);
    const source = findNode(model, vm.ownerNode);
    const ready = () => migrationsOn(model, vm.ownerNode) < (source?.liveMigrationLimit ?? 1)
      && migrationsOn(model, q.target) < (target?.liveMigrationLimit ?? 1);
    const owner = vm.possibleOwners === undefined || vm.possibleOwners.includes(q.target);
    const stillValid = target !== undefined && target.state === 'Up' && source?.state !== 'Down' && owner
      && vm.ownerNode !== target.name && (!isResident(vm) || memoryFreeMB(model, target) >= vm.memoryMB);
    if (stillValid && !ready()) continue;
    model.queue.splice(model.queue.indexOf(q), 1);
    if (stillValid && !isBusy(model, vm.id)) beginMigration(sim, vm, target, 'live', at);
  }
}

function planFor(timing: MigrationTiming, vm: VmModel, type: MigrationType): MigrationPlan {
  if (vm.state !== 'Running' && vm.state !== 'Paused') return planOwnershipMove(type, timing);
  const dirty = vm.state === 'Running' ? vm.dirtyMBps : 0;
  return type === 'live' ? planLiveMigration({ memoryMB: vm.memoryMB, dirtyMBps: dirty }, timing) : planQuickMigration(vm, timing);
}

interface PendingEvent {
  migration: ActiveMigration;
  at: number;
  failure?: ScheduledFailure;
}

function nextEvent(model: ClusterModel): PendingEvent | undefined {
  let best: PendingEvent | undefined;
  for (const m of model.active) {
    const failAt = m.failure ? m.startedAt + m.failure.atMs : Infinity;
    const endAt = m.startedAt + m.plan.totalMs;
    const event: PendingEvent = failAt < endAt ? { migration: m, at: failAt, failure: m.failure } : { migration: m, at: endAt };
    if (!best || event.at < best.at) best = event;
  }
  return best;
}

function strike(model: ClusterModel, m: ActiveMigration, failure: ScheduledFailure, at: number): void {
  const node = findNode(model, failure.node);
  if (failure.kind === 'node-down' && node) nodeWentDown(model, node, at);
  else fail(model, m, failure, at);
}

function complete(model: ClusterModel, m: ActiveMigration, at: number): void {
  const vm = vmById(model, m.vmId);
  vm.ownerNode = m.target;
  const source = findNode(model, m.source);
  if (source?.state === 'Paused' && !source.leftWhilePaused.includes(vm.id)) source.leftWhilePaused.push(vm.id);
  end(model, m, at, {
    kind: 'succeeded',
    outcome: { vm: vm.name, source: m.source, target: m.target, type: m.type, durationMs: m.plan.totalMs, downtimeMs: m.plan.downtimeMs },
  });
}

/** Ends the migration as failed, with Windows' explanation when the kind has one, and logs it on the source. */
function fail(model: ClusterModel, m: ActiveMigration, failure: Pick<ScheduledFailure, 'kind' | 'node'>, at: number): void {
  const vm = vmById(model, m.vmId);
  const pos = positionAt(m.plan, at - m.startedAt);
  const parties = { vm: vm.name, source: m.source, target: m.target, memoryMB: vm.memoryMB, running: vm.state === 'Running' };
  const info = failureKinds[failure.kind];
  const message = failureMessage(failure, parties, pos);
  end(model, m, at, {
    kind: 'failed', code: 'migration-failed', message,
    details: { vm: vm.name, source: m.source, target: m.target, reason: failure.kind, node: failure.node, phase: pos.phase, percent: pos.percent },
    ...(info.windows ? { explanation: explainWindowsError(info.windows) } : {}),
  });
  logMigrationFailure(model, at, parties, info.eventId === undefined ? undefined : { eventId: info.eventId, text: message });
}

function end(model: ClusterModel, m: ActiveMigration, at: number, result: Parameters<typeof addRecord>[1]['result']): void {
  model.active.splice(model.active.indexOf(m), 1);
  const vm = vmById(model, m.vmId);
  addRecord(model, {
    id: m.id, vm: vm.name, vmId: vm.id, source: m.source, target: m.target, type: m.type,
    startedAt: m.startedAt, endedAt: at, result,
  });
}
