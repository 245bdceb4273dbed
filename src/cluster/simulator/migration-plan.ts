/**
 * @module simulator/migration-plan: the timing of one migration, computed up front and pure.
 * Live: memory copied in passes while the guest dirties pages, then a blackout that copies the
 * remainder plus the device state. Quick: save, move, restore. A VM that is not running just
 * changes owner. Progress at any elapsed time is read off the plan.
 */
import type { MigrationPhase, MigrationType } from '../cluster.js';

export interface MigrationTiming {
  bandwidthMBps: number;
  /** A pass that leaves less than this dirty goes to blackout. */
  convergenceThresholdMB: number;
  /** After this many passes the VM goes to blackout whatever remains (as Hyper-V does). */
  maxPasses: number;
  setupMs: number;
  /** Device state and the switch-over, added to the blackout. */
  stateTransferMs: number;
  saveMBps: number;
  restoreMBps: number;
  /** Moving the cluster group (quick migration, or a VM that is not running). */
  moveMs: number;
}

export const defaultMigrationTiming: MigrationTiming = {
  bandwidthMBps: 2048,
  convergenceThresholdMB: 256,
  maxPasses: 8,
  setupMs: 250,
  stateTransferMs: 300,
  saveMBps: 1024,
  restoreMBps: 1024,
  moveMs: 1500,
};

export type ActivePhase = Exclude<MigrationPhase, 'done'>;

/** One stretch of the migration; progress (in MB copied) grows linearly from `fromMB` to `toMB`. */
export interface PlanStep {
  phase: ActivePhase;
  pass?: number;
  startMs: number;
  endMs: number;
  fromMB: number;
  toMB: number;
}

export interface MigrationPlan {
  type: MigrationType;
  steps: PlanStep[];
  totalMs: number;
  /** Time the guest does not run: the blackout (live) or the whole move (quick). */
  downtimeMs: number;
  /** Everything the migration copies; percent = copied / totalMB. */
  totalMB: number;
}

export interface PlanPosition {
  phase: MigrationPhase;
  pass?: number;
  percent: number;
}

export interface PlannedVm {
  memoryMB: number;
  dirtyMBps: number;
}

/** Live migration: passes until the dirty remainder is small (or maxPasses), then the blackout. */
export function planLiveMigration(vm: PlannedVm, t: MigrationTiming): MigrationPlan {
  const steps: PlanStep[] = [{ phase: 'starting', startMs: 0, endMs: t.setupMs, fromMB: 0, toMB: 0 }];
  let copied = 0;
  let toCopy = vm.memoryMB;
  for (let pass = 1; ; pass++) {
    const ms = (toCopy / t.bandwidthMBps) * 1000;
    push(steps, { phase: 'memory-copy', pass }, ms, copied, copied + toCopy);
    copied += toCopy;
    toCopy = Math.min(vm.memoryMB, (vm.dirtyMBps * ms) / 1000);
    if (toCopy < t.convergenceThresholdMB || pass >= t.maxPasses) break;
  }
  const blackoutMs = (toCopy / t.bandwidthMBps) * 1000 + t.stateTransferMs;
  const blackout = push(steps, { phase: 'blackout' }, blackoutMs, copied, copied + toCopy);
  return finish('live', steps, blackout.endMs - blackout.startMs);
}

/** Quick migration: the guest is saved, the group moves, the guest is restored; all of it is downtime. */
export function planQuickMigration(vm: PlannedVm, t: MigrationTiming): MigrationPlan {
  const steps: PlanStep[] = [];
  push(steps, { phase: 'saving' }, (vm.memoryMB / t.saveMBps) * 1000, 0, vm.memoryMB);
  push(steps, { phase: 'moving' }, t.moveMs, vm.memoryMB, vm.memoryMB);
  const last = push(steps, { phase: 'restoring' }, (vm.memoryMB / t.restoreMBps) * 1000, vm.memoryMB, 2 * vm.memoryMB);
  return finish('quick', steps, last.endMs);
}

/** A VM that is not running: only its cluster group moves; nothing runs, so nothing is interrupted. */
export function planOwnershipMove(type: MigrationType, t: MigrationTiming): MigrationPlan {
  return finish(type, [{ phase: 'moving', startMs: 0, endMs: Math.ceil(t.moveMs), fromMB: 0, toMB: 0 }], 0);
}

/** Where the migration stands `elapsedMs` after it started. Percent is 0–99 until done, then 100. */
export function positionAt(plan: MigrationPlan, elapsedMs: number): PlanPosition {
  if (elapsedMs >= plan.totalMs) return { phase: 'done', percent: 100 };
  const step = plan.steps.find((s) => elapsedMs < s.endMs) ?? plan.steps[plan.steps.length - 1]!;
  const into = Math.max(0, elapsedMs - step.startMs);
  const fraction = step.endMs > step.startMs ? into / (step.endMs - step.startMs) : 1;
  const done = plan.totalMB > 0
    ? (step.fromMB + (step.toMB - step.fromMB) * fraction) / plan.totalMB
    : Math.max(0, elapsedMs) / plan.totalMs;
  const percent = Math.min(99, Math.floor(done * 100));
  return step.pass === undefined ? { phase: step.phase, percent } : { phase: step.phase, pass: step.pass, percent };
}

/** The first elapsed time at which the migration has reached `percent` (clamped to the plan). */
export function elapsedAtPercent(plan: MigrationPlan, percent: number): number {
  const p = Math.max(0, Math.min(99, percent));
  if (plan.totalMB === 0) return Math.ceil((plan.totalMs * p) / 100);
  const targetMB = (plan.totalMB * p) / 100;
  const step = plan.steps.find((s) => s.toMB > s.fromMB && s.toMB >= targetMB);
  if (!step) return 0;
  const fraction = Math.max(0, targetMB - step.fromMB) / (step.toMB - step.fromMB);
  return Math.min(plan.totalMs - 1, Math.ceil(step.startMs + fraction * (step.endMs - step.startMs)));
}

function push(steps: PlanStep[], what: Pick<PlanStep, 'phase' | 'pass'>, ms: number, fromMB: number, toMB: number): PlanStep {
  const startMs = steps[steps.length - 1]?.endMs ?? 0;
  const step: PlanStep = { ...what, startMs, endMs: startMs + Math.max(1, Math.ceil(ms)), fromMB, toMB };
  steps.push(step);
  return step;
}

function finish(type: MigrationType, steps: PlanStep[], downtimeMs: number): MigrationPlan {
  const last = steps[steps.length - 1]!;
  return { type, steps, totalMs: last.endMs, downtimeMs, totalMB: last.toMB };
}
