/**
 * @module run-migration: one VM moved and followed to the end: waits for live-migration
 * slots on both nodes, starts the move, reports its progress, cancels it if the job is
 * cancelled. Shared by `migrate` and `drain`.
 */
import type { MigrationOutcome, MigrationPhase, MigrationType } from '../../src/cluster/cluster.js';
import type { JobEvent, RunContext } from '../../src/core/command-spec.js';
import { ClusterError } from '../../src/cluster/errors.js';
import { withFix } from './explain.js';
import { describeMoveFailure } from './move-failure.js';

export interface PlannedMigration {
  vm: string;
  source: string;
  target: string;
  type: MigrationType;
}

export interface MigrationHooks {
  /** A previous process may have started this move: read the cluster before starting anything. */
  mayBeRunning?: boolean;
  /** Called just before the cluster is asked to move the VM (to checkpoint that it was). */
  beforeStart?: () => Promise<void>;
}

/** A failure Windows people know (a node not a possible owner, Kerberos delegation, …) leaves with why and the fix. */
export async function runMigration(ctx: RunContext, m: PlannedMigration, emit: (event: JobEvent) => void, hooks: MigrationHooks = {}): Promise<MigrationOutcome> {
  return migrate(ctx, m, emit, hooks).catch((error: unknown) => {
    throw withFix(error);
  });
}

async function migrate(ctx: RunContext, m: PlannedMigration, emit: (event: JobEvent) => void, hooks: MigrationHooks): Promise<MigrationOutcome> {
  // Quick moves take a slot too: the cluster counts every move a node takes part in.
  const release = await ctx.acquireMigrationSlots([m.source, m.target], (why) => emit({ kind: 'queued', text: `${m.vm}: ${why}` }));
  try {
    ctx.signal.throwIfAborted();
    const request = { vm: m.vm, node: m.target, type: m.type };
    const underWay = hooks.mayBeRunning && (await alreadyUnderWay(ctx, m, emit));
    if (!underWay) await start(ctx, m, emit, hooks);
    const cancel = () =>
      void ctx.cluster.cancelMigration(m.vm).catch((error: unknown) => emit({ kind: 'step', text: `Could not stop ${m.vm}: ${describeMoveFailure(error)}` }));
    ctx.signal.addEventListener('abort', cancel, { once: true });
    try {
      const watch = ctx.cluster.watchMigration(request, { pollMs: ctx.pollMs });
      for (;;) {
        const next = await watch.next();
        if (next.done) return next.value;
        emit({ kind: 'progress', percent: next.value.percent, phase: phaseText(next.value.phase, next.value.pass) });
      }
    } finally {
      ctx.signal.removeEventListener('abort', cancel);
    }
  } finally {
    release();
  }
}

/**
 * Asks the cluster to move the VM. When the answer is lost (a timeout, a dropped connection),
 * the move may or may not have begun: the cluster is read, and the move is followed if it is
 * under way, but never asked for a second time.
 */
async function start(ctx: RunContext, m: PlannedMigration, emit: (event: JobEvent) => void, hooks: MigrationHooks): Promise<void> {
  await hooks.beforeStart?.();
  try {
    await ctx.cluster.migrateVm({ vm: m.vm, node: m.target, type: m.type });
  } catch (error) {
    if (error instanceof ClusterError && error.code !== 'unreachable') throw error;
    const found = await readState(ctx, m).catch(() => 'unknown' as const);
    if (found === 'arrived' || found === 'moving') {
      emit({ kind: 'step', text: `The cluster's answer was lost, but ${m.vm} is ${found === 'arrived' ? `on ${m.target}` : 'moving'}; following it.` });
      return;
    }
    // Not moving: an error we cannot read goes to the job's error boundary (logged with a reference).
    if (!(error instanceof ClusterError)) throw error;
    const where = found === 'unknown' ? 'I could not read where it is now' : `${m.vm} is still on ${m.source} and no migration is running`;
    throw new ClusterError('migration-failed', `The cluster did not confirm the move of ${m.vm} (${error.message}); ${where}. Nothing was retried.`);
  }
}

/** After a restart: true when the move is done or under way (follow it), false when it never began. */
async function alreadyUnderWay(ctx: RunContext, m: PlannedMigration, emit: (event: JobEvent) => void): Promise<boolean> {
  const found = await readState(ctx, m);
  const said: Record<typeof found, string> = {
    arrived: `${m.vm} is already on ${m.target}.`,
    moving: `${m.vm} is moving to ${m.target}; following it.`,
    idle: `${m.vm} is on ${m.source} and no migration is running: starting the move.`,
  };
  emit({ kind: 'step', text: said[found] });
  return found !== 'idle';
}

async function readState(ctx: RunContext, m: PlannedMigration): Promise<'arrived' | 'moving' | 'idle'> {
  const vm = await ctx.cluster.getVm(m.vm);
  if (vm && vm.ownerNode.toLowerCase() === m.target.toLowerCase()) return 'arrived';
  try {
    const watch = ctx.cluster.watchMigration({ vm: m.vm, node: m.target, type: m.type }, { pollMs: ctx.pollMs });
    const first = await watch.next();
    await watch.return?.(undefined as never);
    return first.done ? 'arrived' : 'moving';
  } catch (error) {
    if (error instanceof ClusterError && error.code === 'no-migration-running') return 'idle';
    throw error;
  }
}

export function phaseText(phase: MigrationPhase, pass?: number): string {
  switch (phase) {
    case 'memory-copy':
      return pass ? `memory copy, pass ${pass}` : 'memory copy';
    case 'blackout':
      return 'blackout (final copy, VM paused)';
    case 'saving':
      return 'saving VM state';
    case 'moving':
      return 'moving to the target';
    case 'restoring':
      return 'restoring VM state';
    case 'starting':
    case 'done':
      return phase;
  }
}
