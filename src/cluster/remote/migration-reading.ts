/**
 * @module cluster/remote/migration-reading: what one watch-migration snapshot says about a
 * migration. Live: a running Msvm_MigrationJob (its PercentComplete) and the VM resource's
 * MigrationState (Setup, Data Transfer, Move) as phase and fallback. Quick: the resource going
 * OfflinePending (saving), Offline (moving), OnlinePending (restoring). Done when the VM's owner
 * is the target and nothing runs; failed or cancelled when it stops without the VM on the target.
 */
import type { MigrationOutcome, MigrationPhase, MigrationProgress, MigrationRequest } from '../cluster.js';
import { ClusterError } from '../errors.js';
import type { StartedMigration } from './migration-ledger.js';
import { type MigrationJob, type WatchSnapshot } from './schemas.js';
import { explainEvent, explainHResults } from '../windows-errors.js';
import { formatHResult, hresultsIn, knownWindowsCode } from './windows-codes.js';

/** What a watch has seen so far; updated by readSnapshot. */
export interface WatchMemory {
  seenActive: boolean;
  quickSeen: boolean;
  firstSeenAt?: number;
  source?: string;
  last?: MigrationProgress;
}

export interface ReadingContext {
  readonly request: MigrationRequest;
  readonly started: StartedMigration | undefined;
  /** An outcome this process saw earlier for the VM and target. */
  readonly finished: MigrationOutcome | undefined;
  readonly now: number;
  /** How long a migration this process started may show nothing before it counts as none. */
  readonly graceMs: number;
}

export type Reading =
  | { kind: 'progress'; progress: MigrationProgress }
  | { kind: 'done'; outcome: MigrationOutcome }
  /** `ended`: the migration is over (failed or cancelled), as opposed to there being none. */
  | { kind: 'failed'; error: ClusterError; ended: boolean };

const LIVE_STATES: ReadonlySet<string> = new Set(['Setup', 'DataTransfer', 'Move']);
const PENDING: ReadonlySet<string> = new Set(['OfflinePending', 'OnlinePending', 'Pending']);
const ENDED_JOB: ReadonlySet<string> = new Set(['Completed', 'Terminated', 'Killed', 'Exception']);
/** A job that started this much before our migrateVm is an older one (clocks differ a little). */
const CLOCK_SKEW_MS = 5000;
const QUICK_PERCENT: Readonly<Partial<Record<MigrationPhase, number>>> = { saving: 5, moving: 50, restoring: 75 };
const PHASE_RANK: Readonly<Record<MigrationPhase, number>> = {
  starting: 0, 'memory-copy': 1, blackout: 2, saving: 1, moving: 2, restoring: 3, done: 4,
};

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

export function readSnapshot(snap: WatchSnapshot, memory: WatchMemory, ctx: ReadingContext): Reading {
  const { vm, target } = snap;
  const running = snap.jobs.filter((job) => job.jobState === 'Running');
  // A job whose destination is its own host is the incoming side of a migration; it says nothing of where.
  const elsewhere = running.find((job) => job.destinationHost !== undefined && !same(job.destinationHost, target)
    && !same(job.host, job.destinationHost));
  if (elsewhere && !memory.seenActive) {
    return none(vm.name, target, `${vm.name} is migrating to ${elsewhere.destinationHost}, not ${target}`, elsewhere.destinationHost);
  }
  const job = running.find((j) => j.destinationHost === undefined || same(j.destinationHost, target)) ?? running[0];
  const live = job !== undefined || LIVE_STATES.has(snap.resource.migrationState ?? '');
  const quickSignal = PENDING.has(vm.resourceState) || vm.groupState === 'Pending' || vm.vmState === 'Saving' || vm.vmState === 'Starting';
  memory.quickSeen ||= quickSignal;
  if (live || quickSignal || (memory.quickSeen && vm.resourceState === 'Offline')) {
    if (!memory.seenActive) Object.assign(memory, { seenActive: true, firstSeenAt: ctx.now });
    if (!same(vm.ownerNode, target)) memory.source ??= vm.ownerNode;
    return { kind: 'progress', progress: monotonic(memory.last, vm.name, live ? liveProgress(snap, job) : quickProgress(snap)) };
  }
  const last = endedJobTo(snap.lastJob, target, ctx.started);
  if (same(vm.ownerNode, target)) {
    if (last?.jobState === 'Completed') return { kind: 'done', outcome: jobOutcome(snap, last, memory, ctx) };
    if (memory.seenActive || ctx.started) return { kind: 'done', outcome: observedOutcome(snap, memory, ctx) };
    if (ctx.finished) return { kind: 'done', outcome: ctx.finished };
    return none(vm.name, target);
  }
  if (last && last.jobState !== 'Completed') return ended(snap, last, memory, ctx);
  // The job we saw run has completed but the role's owner was read a moment before the cluster
  // moved it: the migration is finishing, and the next look sees the VM on the target.
  if (last && memory.seenActive) return { kind: 'progress', progress: monotonic(memory.last, vm.name, { phase: 'blackout', percent: 99 }) };
  if (memory.seenActive) return ended(snap, undefined, memory, ctx);
  const state = snap.resource.migrationState;
  if (ctx.started && ctx.now - ctx.started.at < ctx.graceMs) {
    return { kind: 'progress', progress: monotonic(memory.last, vm.name, { phase: 'starting', percent: 0 }) };
  }
  if (ctx.started && (state === 'Failure' || state === 'Canceled')) return ended(snap, undefined, memory, ctx);
  return none(vm.name, target);
}

function none(vm: string, target: string, message = `${vm} is not migrating to ${target}`, to = target): Reading {
  return { kind: 'failed', ended: false, error: new ClusterError('no-migration-running', message, { vm, target: to }) };
}

/** The newest finished job, if it went to `target` and is not older than our own migrateVm. */
function endedJobTo(job: MigrationJob | undefined, target: string, started: StartedMigration | undefined): MigrationJob | undefined {
  if (!job || !same(job.destinationHost, target) || !ENDED_JOB.has(job.jobState)) return undefined;
  if (started && job.startTime !== undefined && job.startTime < started.at - CLOCK_SKEW_MS) return undefined;
  return job;
}

function liveProgress(snap: WatchSnapshot, job: MigrationJob | undefined): Omit<MigrationProgress, 'vm'> {
  const percent = job?.percentComplete ?? snap.resource.migrationProgress ?? 0;
  switch (snap.resource.migrationState) {
    case 'Setup': return { phase: 'starting', percent };
    case 'DataTransfer': return { phase: 'memory-copy', percent };
    case 'Move': return { phase: 'blackout', percent };
    default: return { phase: percent > 0 ? 'memory-copy' : 'starting', percent };
  }
}

function quickProgress(snap: WatchSnapshot): Omit<MigrationProgress, 'vm'> {
  const { resourceState, vmState } = snap.vm;
  const phase: MigrationPhase = resourceState === 'OfflinePending' || vmState === 'Saving' ? 'saving'
    : resourceState === 'OnlinePending' || vmState === 'Starting' ? 'restoring' : 'moving';
  return { phase, percent: QUICK_PERCENT[phase] ?? 0 };
}

/** Never backwards: percent only grows (and stays under 100 until done), phases only advance. */
function monotonic(last: MigrationProgress | undefined, vm: string, next: Omit<MigrationProgress, 'vm'>): MigrationProgress {
  const percent = Math.min(99, Math.max(last?.percent ?? 0, Math.round(next.percent)));
  const phase = last && PHASE_RANK[last.phase] > PHASE_RANK[next.phase] ? last.phase : next.phase;
  return { vm, phase, percent };
}

function jobOutcome(snap: WatchSnapshot, job: MigrationJob, memory: WatchMemory, ctx: ReadingContext): MigrationOutcome {
  const source = job.host !== undefined && !same(job.host, snap.target) ? job.host : memory.source ?? ctx.started?.source ?? '';
  const observed = observedOutcome(snap, memory, ctx);
  return {
    vm: snap.vm.name, source, target: snap.target, type: ctx.request.type, durationMs: job.elapsedMs ?? observed.durationMs,
    ...(job.blackoutMs !== undefined ? { downtimeMs: job.blackoutMs } : {}),
  };
}

/** No job record to read: timed from our migrateVm (or the first sight of it) to now. */
function observedOutcome(snap: WatchSnapshot, memory: WatchMemory, ctx: ReadingContext): MigrationOutcome {
  const durationMs = Math.max(0, ctx.now - (ctx.started?.at ?? memory.firstSeenAt ?? ctx.now));
  return {
    vm: snap.vm.name, source: memory.source ?? ctx.started?.source ?? '', target: snap.target, type: ctx.request.type, durationMs,
    ...(ctx.request.type === 'quick' && memory.quickSeen ? { downtimeMs: durationMs } : {}),
  };
}

/** The migration stopped without the VM on the target: cancelled, or failed with the reason Windows gave. */
function ended(snap: WatchSnapshot, job: MigrationJob | undefined, memory: WatchMemory, ctx: ReadingContext): Reading {
  const { vm, target, resource } = snap;
  const cancelled = job?.jobState === 'Terminated' || resource.migrationState === 'Canceled';
  const written = hresultsIn(job?.errorDescription);
  const hresult = resource.migrationFailureReason || written[0];
  const known = hresult ? knownWindowsCode([hresult]) : undefined;
  // Windows' own code first; else the event the source logged (21502).
  const explanation = explainHResults([...(hresult ? [hresult] : []), ...written]) ?? explainEvent(job?.failureEventId);
  const reason = job?.errorDescription ?? (hresult ? `${known?.words ?? 'Windows error'} (${formatHResult(hresult)})` : 'no reason was reported');
  const where = vm.vmState === 'Running' ? `is still running on ${vm.ownerNode}` : `is on ${vm.ownerNode}`;
  const what = `the ${ctx.request.type} migration of ${vm.name} to ${target}`;
  const details = {
    vm: vm.name, source: vm.ownerNode, target, percent: memory.last?.percent ?? job?.percentComplete ?? 0,
    ...(hresult ? { hresult: formatHResult(hresult) } : {}), ...(job ? { jobState: job.jobState } : {}),
  };
  const error = cancelled
    ? new ClusterError('migration-cancelled', `${what} was cancelled; ${vm.name} ${where}`, details)
    : new ClusterError('migration-failed', `${what} failed: ${reason}`, details, explanation);
  return { kind: 'failed', ended: true, error };
}
