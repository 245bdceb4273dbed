/**
 * @module drain-run: a drain as it runs. The node is paused, then every VM moves through the
 * per-node live-migration limit, largest first. The thread stays quiet: one progress message
 * holds the board (moved, moving, queued, failed), replies are for the pause, each failure and
 * the end; a VM waiting for a slot is a "queued" row, not a message.
 */
import type { ClusterVm } from '../../src/cluster/cluster.js';
import type { JobEvent, JobOutcome, RunContext } from '../../src/core/command-spec.js';
import { duration } from '../../src/core/format.js';
import { createDrainBoard, describeLeftBehind, type DrainBoard } from './drain-board.js';
import { describeMoveFailure } from './move-failure.js';
import { planDrain, type Placement } from './placement.js';
import { runMigration } from './run-migration.js';

interface DrainCheckpoint {
  /** The moves this drain asked the cluster for: VM → target node. */
  targets: Record<string, string>;
}

interface Moved {
  durationMs: number;
}

export async function drainNode(wanted: string, ctx: RunContext, emit: (e: JobEvent) => void): Promise<JobOutcome> {
  const node = await ctx.findNode(wanted);
  await ctx.cluster.pauseNode(node.name);
  emit({ kind: 'step', text: `${node.name} is paused; no new roles will be placed on it.` });
  const [nodes, all] = await Promise.all([ctx.cluster.listNodes(), ctx.cluster.listVms({ node: node.name })]);
  const vms = all.filter((vm) => vm.clustered);
  const started: DrainCheckpoint = { targets: { ...((ctx.checkpoint as DrainCheckpoint | undefined)?.targets ?? {}) } };
  if (ctx.recovering) emit({ kind: 'step', text: `${vms.length} clustered VM${vms.length === 1 ? '' : 's'} still on ${node.name}; continuing the drain.` });
  // A move begun before a restart keeps its target and goes first, so it holds its live-migration
  // slots before anything new starts; the rest are planned on today's free memory.
  const resumed: Placement[] = vms.filter((vm) => started.targets[vm.name]).map((vm) => ({ vm, target: started.targets[vm.name] }));
  const plan = [...resumed, ...planDrain(node.name, vms.filter((vm) => !started.targets[vm.name]), nodes)];
  const board = createDrainBoard(plan.map((p) => ({ vm: p.vm.name, target: p.target })));
  const totalMB = Math.max(1, vms.reduce((sum, vm) => sum + vm.memoryMB, 0));
  const share = new Map<string, number>();
  const memory = new Map(vms.map((vm) => [vm.name, vm.memoryMB]));
  const report = () => {
    const done = [...share.entries()].reduce((sum, [name, pct]) => sum + ((memory.get(name) ?? 0) * pct) / 100, 0);
    emit({ kind: 'board', blocks: board.blocks() });
    emit({ kind: 'progress', percent: (done / totalMB) * 100, phase: 'moving VMs' });
  };
  report();
  const t0 = ctx.clock.now();
  const results = await Promise.all(plan.map((p) => moveOne(ctx, node.name, p, started, board, emit, (percent) => {
    if (percent !== undefined) share.set(p.vm.name, percent);
    report();
  })));
  const elapsedMs = ctx.clock.now() - t0;
  const left = (await ctx.cluster.listVms({ node: node.name })).filter((vm) => vm.clustered);
  const moved = results.filter((r): r is Moved => r !== undefined);
  const timing = timingText(moved, elapsedMs, node.liveMigrationLimit);
  if (left.length === 0) {
    return { ok: true, summary: `${node.name} is drained: paused with no roles; ${moved.length} VM${moved.length === 1 ? '' : 's'} moved${timing}` };
  }
  const reasons = new Map(board.leftBehind().map((l) => [l.vm, l.why]));
  const why = describeLeftBehind(left.map((v: ClusterVm) => ({ vm: v.name, why: reasons.get(v.name) ?? 'not moved' })));
  return {
    ok: false,
    summary: `${node.name} is paused but ${left.length} VM${left.length === 1 ? ' is' : 's are'} still on it: ${why}; ${moved.length} of ${plan.length} moved${timing}`,
  };
}

/** " in 4 min 10 s, 1.04× the lower bound of 4 min": the moves' own time at the node's limit, or the longest move. */
function timingText(moved: readonly Moved[], elapsedMs: number, limit: number): string {
  if (moved.length === 0) return '';
  const sum = moved.reduce((s, m) => s + m.durationMs, 0);
  const bound = Math.max(sum / Math.max(1, limit), ...moved.map((m) => m.durationMs));
  if (bound <= 0) return ` in ${duration(elapsedMs)}`;
  return ` in ${duration(elapsedMs)}, ${(elapsedMs / bound).toFixed(2)}× the lower bound of ${duration(bound)} (${limit} at a time)`;
}

async function moveOne(
  ctx: RunContext, source: string, p: Placement, started: DrainCheckpoint, board: DrainBoard,
  emit: (e: JobEvent) => void, progress: (percent?: number) => void,
): Promise<Moved | undefined> {
  if (!p.target) {
    const why = `no node can take it (${p.why ?? `none has enough memory free`})`;
    board.set(p.vm.name, undefined, { state: 'failed', why });
    emit({ kind: 'step', text: `✗ ${p.vm.name}: ${why}` });
    progress();
    return undefined;
  }
  const target = p.target;
  const type = p.vm.state === 'Running' ? 'live' : 'quick';
  const hooks = {
    mayBeRunning: ctx.recovering && started.targets[p.vm.name] !== undefined,
    beforeStart: async () => {
      started.targets[p.vm.name] = target;
      await ctx.saveCheckpoint({ targets: { ...started.targets } });
    },
  };
  const forward = (e: JobEvent) => {
    if (e.kind === 'progress') {
      board.set(p.vm.name, target, { state: 'moving', percent: e.percent });
      progress(e.percent);
    } else if (e.kind === 'step') emit(e); // rare: a lost answer, a move found after a restart
    // 'queued': the board already shows the VM as queued; no message per VM waiting for a slot.
  };
  try {
    const outcome = await runMigration(ctx, { vm: p.vm.name, source, target, type }, forward, hooks);
    board.set(p.vm.name, target, { state: 'moved', type, durationMs: outcome.durationMs });
    progress(100);
    return { durationMs: outcome.durationMs };
  } catch (error) {
    if (ctx.signal.aborted) {
      board.set(p.vm.name, target, { state: 'cancelled' });
    } else {
      const why = describeMoveFailure(error);
      board.set(p.vm.name, target, { state: 'failed', why });
      emit({ kind: 'step', text: `✗ ${p.vm.name} → ${target}: ${why}` });
    }
    progress();
    return undefined;
  }
}
