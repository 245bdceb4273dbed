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
  return [p.vm.name, gib(p.vm.memoryMB), p.target ? `→ ${p.target} (${how})` : 'no room'];
}

async function drainNode(wanted: string, ctx: RunContext, emit: (e: JobEvent) => void) {
  const node = await ctx.findNode(wanted);
  await ctx.cluster.pauseNode(node.name);
  emit({ kind: 'step', text: `${node.name} is paused; no new roles will be placed on it.` });
  const [nodes, all] = await Promise.all([ctx.cluster.listNodes(), ctx.cluster.listVms({ node: node.name })]);
  const vms = all.filter((vm) => vm.clustered);
  const plan = planDrain(node.name, vms, nodes);
  const totalMB = Math.max(1, vms.reduce((sum, vm) => sum + vm.memoryMB, 0));
  const share = new Map<string, number>();
  const report = () => {
    const done = [...share.entries()].reduce((sum, [name, pct]) => sum + (memoryOf(vms, name) * pct) / 100, 0);
    emit({ kind: 'progress', percent: (done / totalMB) * 100, phase: 'moving VMs' });
  };
  emit({ kind: 'progress', percent: 0, phase: 'moving VMs' });
  const results = await Promise.all(
    plan.map(async (p): Promise<{ vm: string; ok: boolean }> => {
      if (!p.target) {
        emit({ kind: 'step', text: `✗ ${p.vm.name}: no node has ${gib(p.vm.memoryMB)} free` });
        return { vm: p.vm.name, ok: false };
      }
      const type = p.vm.state === 'Running' ? 'live' : 'quick';
      try {
        const outcome = await runMigration(ctx, { vm: p.vm.name, source: node.name, target: p.target, type }, (e) => {
          if (e.kind === 'progress') {
            share.set(p.vm.name, e.percent);
            report();
          } else emit(e);
        });
        share.set(p.vm.name, 100);
        report();
        emit({ kind: 'step', text: `✓ ${p.vm.name} → ${p.target} (${type}, ${duration(outcome.durationMs)})` });
        return { vm: p.vm.name, ok: true };
      } catch (error) {
        emit({ kind: 'step', text: `✗ ${p.vm.name} → ${p.target}: ${describeMoveFailure(error)}` });
        return { vm: p.vm.name, ok: false };
      }
    }),
  );
  const left = (await ctx.cluster.listVms({ node: node.name })).filter((vm) => vm.clustered);
  const moved = results.filter((r) => r.ok).length;
  if (left.length === 0) {
    return { ok: true, summary: `${node.name} is drained: paused with no roles; ${moved} VM${moved === 1 ? '' : 's'} moved` };
  }
  return {
    ok: false,
    summary: `${node.name} is paused but ${left.length} VM${left.length === 1 ? ' is' : 's are'} still on it: ${listOf(left.map((v: ClusterVm) => v.name))}`,
  };
}

function memoryOf(vms: readonly ClusterVm[], name: string): number {
  return vms.find((v) => v.name === name)?.memoryMB ?? 0;
}
