/**
 * @module drain: pause a node and move every VM off it, through the per-node live
 * migration limit, largest first; report each VM and end with a summary.
 */
import { z } from 'zod';
import type { ClusterVm } from '../src/cluster/cluster.js';
import { nodeName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec, JobEvent, Preflight, RunContext } from '../src/core/command-spec.js';
import { streamEvents } from '../src/core/event-channel.js';
import { describeMoveFailure } from './support/move-failure.js';
import { duration, gib, listOf } from '../src/core/format.js';
import { planDrain, type Placement } from './support/placement.js';
import { runMigration } from './support/run-migration.js';

const args = z.object({ node: nodeName });
type Args = z.infer<typeof args>;

export const drain: ChangeCommandSpec<Args> = {
  name: 'drain',
  summary: 'Pause a node and move every VM off it (for patching or hardware work).',
  patterns: [{ pattern: 'drain {node}' }, { pattern: 'drain node {node}' }],
  args,
  risk: 'disruptive',
  examples: ['drain node1', 'drain node3 --what-if'],

  async preflight({ node: wanted }, ctx): Promise<Preflight> {
    const node = await ctx.findNode(wanted);
    const [nodes, all] = await Promise.all([ctx.cluster.listNodes(), ctx.cluster.listVms({ node: node.name })]);
    const vms = all.filter((vm) => vm.clustered);
    const unclustered = all.filter((vm) => !vm.clustered);
    const plan = planDrain(node.name, vms, nodes);
    const homeless = plan.filter((p) => !p.target);
    const total = vms.reduce((sum, vm) => sum + vm.memoryMB, 0);
    const others = nodes.filter((n) => n.name !== node.name && n.state === 'Up').map((n) => n.name);
    const stays = unclustered.length
      ? [{ label: 'Not clustered', value: `${listOf(unclustered.map((v) => v.name))} will stay on ${node.name} (not cluster roles; move or shut down by hand)` }]
      : [];
    return {
      summary: `Drain ${node.name}: pause it and move ${vms.length} VM${vms.length === 1 ? '' : 's'} (${gib(total)}) off it`,
      facts: [
        { label: 'Node', value: `${node.name} is ${node.state}`, ok: node.state === 'Up' },
        { label: 'Other nodes Up', value: others.length ? listOf(others) : 'none', ok: others.length > 0 || vms.length === 0 },
        {
          label: 'Capacity',
          value: homeless.length
            ? `no room for ${listOf(homeless.map((p) => `${p.vm.name} (${gib(p.vm.memoryMB)})`))}`
            : `every VM fits on the other nodes`,
          ok: homeless.length === 0,
        },
        ...stays,
      ],
      holds: [`node:${node.name}`, ...vms.map((vm) => `vm:${vm.name}`)],
      details: vms.length ? [{ type: 'table', columns: ['VM', 'Memory', 'Plan'], rows: plan.map(planRow) }] : [],
    };
  },

  run({ node: wanted }, ctx) {
    return streamEvents((emit) => drainNode(wanted, ctx, emit));
  },
};

function planRow(p: Placement): string[] {
  const how = p.vm.state === 'Running' ? 'live' : 'quick';
  return [p.vm.name, gib(p.vm.memoryMB), p.target ? `→ ${p.target} (${how})` : `no node: ${p.why ?? 'no room'}`];
}

interface DrainCheckpoint {
  /** The moves this drain asked the cluster for: VM → target node. */
  targets: Record<string, string>;
}

async function drainNode(wanted: string, ctx: RunContext, emit: (e: JobEvent) => void) {
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
  const totalMB = Math.max(1, vms.reduce((sum, vm) => sum + vm.memoryMB, 0));
  const share = new Map<string, number>();
  const report = () => {
    const done = [...share.entries()].reduce((sum, [name, pct]) => sum + (memoryOf(vms, name) * pct) / 100, 0);
    emit({ kind: 'progress', percent: (done / totalMB) * 100, phase: 'moving VMs' });
  };
  emit({ kind: 'progress', percent: 0, phase: 'moving VMs' });
  const results = await Promise.all(plan.map((p) => moveOne(ctx, node.name, p, started, emit, (percent) => (share.set(p.vm.name, percent), report()))));
  const left = (await ctx.cluster.listVms({ node: node.name })).filter((vm) => vm.clustered);
  const moved = results.filter(Boolean).length;
  if (left.length === 0) {
    return { ok: true, summary: `${node.name} is drained: paused with no roles; ${moved} VM${moved === 1 ? '' : 's'} moved` };
  }
  return {
    ok: false,
    summary: `${node.name} is paused but ${left.length} VM${left.length === 1 ? ' is' : 's are'} still on it: ${listOf(left.map((v: ClusterVm) => v.name))}`,
  };
}

async function moveOne(ctx: RunContext, source: string, p: Placement, started: DrainCheckpoint, emit: (e: JobEvent) => void, progress: (percent: number) => void): Promise<boolean> {
  if (!p.target) {
    emit({ kind: 'step', text: `✗ ${p.vm.name}: no node can take it (${p.why ?? `none has ${gib(p.vm.memoryMB)} free`})` });
    return false;
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
  try {
    const outcome = await runMigration(ctx, { vm: p.vm.name, source, target, type }, (e) => (e.kind === 'progress' ? progress(e.percent) : emit(e)), hooks);
    progress(100);
    emit({ kind: 'step', text: `✓ ${p.vm.name} → ${target} (${type}, ${duration(outcome.durationMs)})` });
    return true;
  } catch (error) {
    emit({ kind: 'step', text: `✗ ${p.vm.name} → ${target}: ${describeMoveFailure(error)}` });
    return false;
  }
}

function memoryOf(vms: readonly ClusterVm[], name: string): number {
  return vms.find((v) => v.name === name)?.memoryMB ?? 0;
}
