/**
 * @module drain: pause a node and move every VM off it, through the per-node live
 * migration limit, largest first; report each VM and end with a summary.
 */
import { z } from 'zod';
import { nodeName } from '../src/core/arg-types.js';
import type { Block } from '../src/core/chat.js';
import type { ChangeCommandSpec, Preflight } from '../src/core/command-spec.js';
import { streamEvents } from '../src/core/event-channel.js';
import { gib, listOf } from '../src/core/format.js';
import { drainNode } from './support/drain-run.js';
import { planDrain, type Placement } from './support/placement.js';

const args = z.object({ node: nodeName });
/** VMs listed one by one on the approval card before the rest are counted (the card stays a screenful). */
const PLAN_ROWS = 12;
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
            ? `no room for ${namedFew(homeless.map((p) => `${p.vm.name} (${gib(p.vm.memoryMB)})`))}`
            : `every VM fits on the other nodes`,
          ok: homeless.length === 0,
        },
        ...stays,
      ],
      holds: [`node:${node.name}`, ...vms.map((vm) => `vm:${vm.name}`)],
      details: vms.length ? planDetails(plan) : [],
    };
  },

  run({ node: wanted }, ctx) {
    return streamEvents((emit) => drainNode(wanted, ctx, emit));
  },
};

/** The plan on the approval card: every VM when few, else the largest few and the count per target. */
function planDetails(plan: readonly Placement[]): Block[] {
  const shown = plan.length <= PLAN_ROWS ? plan : plan.slice(0, PLAN_ROWS - 2);
  const table: Block = { type: 'table', columns: ['VM', 'Memory', 'Plan'], rows: shown.map(planRow) };
  if (shown.length === plan.length) return [table];
  const perTarget = new Map<string, number>();
  for (const p of plan.slice(shown.length)) perTarget.set(p.target ?? 'no node', (perTarget.get(p.target ?? 'no node') ?? 0) + 1);
  const where = [...perTarget.entries()].map(([target, n]) => `${n} → ${target}`).join(', ');
  return [table, { type: 'context', text: `…and ${plan.length - shown.length} more VMs (largest first): ${where}. The thread shows each as it moves.` }];
}

/** "a, b and c", or "a, b, c, d, e and 7 more": a screenful whatever the count. */
function namedFew(items: readonly string[], shown = 5): string {
  return items.length <= shown ? listOf(items) : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

function planRow(p: Placement): string[] {
  const how = p.vm.state === 'Running' ? 'live' : 'quick';
  return [p.vm.name, gib(p.vm.memoryMB), p.target ? `→ ${p.target} (${how})` : `no node: ${p.why ?? 'no room'}`];
}
