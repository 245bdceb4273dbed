/**
 * @module simulator/watch-migration: follows one migration on the simulated cluster by sleeping
 * on the clock, yielding progress when it changes, and ending with the outcome (or the failure).
 * A migration that ended before the watch began is answered from the VM's history at once.
 */
import type { Clock } from '../clock.js';
import type { MigrationOutcome, MigrationProgress, MigrationRequest, WatchOptions } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { requireNode, requireVm } from './admission.js';
import { activeFor, lastRecord, type ClusterModel, type MigrationRecord } from './cluster-model.js';
import { positionAt } from './migration-plan.js';

export interface WatchDeps {
  clock: Clock;
  /** The model, settled at the clock's current time. */
  sync(): ClusterModel;
}

export const defaultPollMs = 1000;

export async function* watchSimulatedMigration(
  deps: WatchDeps, request: MigrationRequest, options: WatchOptions = {},
): AsyncGenerator<MigrationProgress, MigrationOutcome> {
  const pollMs = Math.max(1, options.pollMs ?? defaultPollMs);
  options.signal?.throwIfAborted();
  let model = deps.sync();
  const vm = requireVm(model, request.vm);
  const target = requireNode(model, request.node).name;
  let id: number | undefined;
  let last: MigrationProgress | undefined;
  for (;;) {
    id ??= findStarted(model, vm.id, target);
    const active = id === undefined ? undefined : model.active.find((m) => m.id === id);
    const record = id === undefined ? undefined : model.history.get(vm.id)?.find((r) => r.id === id);
    if (record) {
      if (record.result.kind === 'succeeded' && last && last.phase !== 'done') yield { vm: vm.name, phase: 'done', percent: 100 };
      return resultOf(record);
    }
    const now = deps.clock.now();
    let waitMs = pollMs;
    let progress: MigrationProgress = { vm: vm.name, phase: 'starting', percent: 0 };
    if (active) {
      const pos = positionAt(active.plan, now - active.startedAt);
      progress = { vm: vm.name, ...pos };
      const failAt = active.failure ? active.startedAt + active.failure.atMs : Infinity;
      waitMs = Math.max(1, Math.min(pollMs, Math.min(failAt, active.startedAt + active.plan.totalMs) - now));
    }
    if (!sameProgress(last, progress)) yield (last = progress);
    await deps.clock.sleep(waitMs, options.signal);
    model = deps.sync();
  }
}

/** The id of the migration of `vmId` to `target` under way; waits (undefined) while it is queued; else the last record's. */
function findStarted(model: ClusterModel, vmId: string, target: string): number | undefined {
  const active = activeFor(model, vmId);
  const vmName = model.vms.find((v) => v.id === vmId)?.name ?? vmId;
  if (active) {
    if (active.target === target) return active.id;
    throw new ClusterError('no-migration-running', `${vmName} is migrating to ${active.target}, not ${target}`,
      { vm: vmName, target: active.target });
  }
  if (model.queue.some((q) => q.vmId === vmId && q.target === target)) return undefined;
  const record = lastRecord(model, vmId);
  if (record && record.target === target) return record.id;
  throw new ClusterError('no-migration-running', `${vmName} is not migrating to ${target}`, { vm: vmName, target });
}

function resultOf(record: MigrationRecord): MigrationOutcome {
  if (record.result.kind === 'succeeded') return record.result.outcome;
  throw new ClusterError(record.result.code, record.result.message, record.result.details, record.result.explanation);
}

function sameProgress(a: MigrationProgress | undefined, b: MigrationProgress): boolean {
  return a !== undefined && a.phase === b.phase && a.percent === b.percent && a.pass === b.pass;
}
