/**
 * @module run-migration: one VM moved and followed to the end: waits for live-migration
 * slots on both nodes, starts the move, reports its progress, cancels it if the job is
 * cancelled. Shared by `migrate` and `drain`.
 */
import type { MigrationOutcome, MigrationPhase, MigrationType } from '../../src/cluster/cluster.js';
import type { JobEvent, RunContext } from '../../src/core/command-spec.js';
import { describeMoveFailure } from './move-failure.js';

export interface PlannedMigration {
  vm: string;
  source: string;
  target: string;
  type: MigrationType;
}

export async function runMigration(ctx: RunContext, m: PlannedMigration, emit: (event: JobEvent) => void): Promise<MigrationOutcome> {
  // Quick moves take a slot too: the cluster counts every move a node takes part in.
  const release = await ctx.acquireMigrationSlots([m.source, m.target], (why) => emit({ kind: 'queued', text: `${m.vm}: ${why}` }));
  try {
    ctx.signal.throwIfAborted();
    const request = { vm: m.vm, node: m.target, type: m.type };
    await ctx.cluster.migrateVm(request);
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
