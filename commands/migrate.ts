/** @module migrate: live (default) or quick migration of one VM to a named node, or to the best node. */
import { z } from 'zod';
import type { ClusterNode, ClusterVm } from '../src/cluster/cluster.js';
import { nodeName, vmName } from '../src/core/arg-types.js';
import type { Block } from '../src/core/chat.js';
import type { ChangeCommandSpec, Preflight } from '../src/core/command-spec.js';
import { LIST_LIMITS } from '../src/core/pages.js';
import { streamEvents } from '../src/core/event-channel.js';
import { duration, gib } from '../src/core/format.js';
import { memoryNeeded, rankNodes, whyNone, type NodeRank } from './support/placement.js';
import { runMigration } from './support/run-migration.js';

const args = z.object({ vm: vmName, node: nodeName, type: z.enum(['live', 'quick']).default('live') });
type Args = z.infer<typeof args>;

/** `to best` (any phrasing) names the best node, unless a node really is called best. */
const BEST = 'best';

export const migrate: ChangeCommandSpec<Args> = {
  name: 'migrate',
  summary: 'Move a VM to another node: live by default (no downtime), or quick (save and restore); `to best` picks the node.',
  patterns: [
    { pattern: 'migrate {vm} to {node}' },
    { pattern: 'move {vm} to {node}' },
    { pattern: 'live migrate {vm} to {node}', set: { type: 'live' } },
    { pattern: 'quick migrate {vm} to {node}', set: { type: 'quick' } },
  ],
  args,
  risk: 'change',
  examples: ['migrate vm42 to node2', 'migrate vm42 to best', 'quick migrate "SQL Server 01" to node3', 'migrate vm42 to node2 --what-if'],

  async preflight({ vm: vmWanted, node: nodeWanted, type }, ctx): Promise<Preflight> {
    const vm = await ctx.findVm(vmWanted);
    const nodes = await ctx.cluster.listNodes();
    const best = nodeWanted.toLowerCase() === BEST && !nodes.some((n) => n.name.toLowerCase() === BEST);
    if (best) return bestPreflight(vm, nodes, type);
    return checks(vm, await ctx.findNode(nodeWanted), type);
  },

  run({ vm: vmWanted, node: nodeWanted, type }, ctx) {
    return streamEvents(async (emit) => {
      const vm = await ctx.findVm(vmWanted);
      const node = await ctx.findNode(nodeWanted);
      // After a restart the VM may already be moving or moved: read the cluster before starting anything.
      const outcome = await runMigration(ctx, { vm: vm.name, source: vm.ownerNode, target: node.name, type }, emit, { mayBeRunning: ctx.recovering });
      const downtime = outcome.downtimeMs === undefined ? 'no downtime measured' : `downtime ${duration(outcome.downtimeMs)}`;
      return {
        ok: true,
        summary: `${vm.name} is running on ${outcome.target} (${type} migration, ${downtime})`,
        facts: [
          { label: 'From', value: outcome.source },
          { label: 'To', value: outcome.target },
          { label: 'Duration', value: duration(outcome.durationMs) },
          ...(outcome.downtimeMs === undefined ? [] : [{ label: 'Downtime', value: duration(outcome.downtimeMs) }]),
        ],
      };
    });
  },
};

function checks(vm: ClusterVm, node: ClusterNode, type: Args['type']): Preflight {
  const kind = type === 'live' ? 'Live migration' : 'Quick migration';
  const there = vm.ownerNode.toLowerCase() === node.name.toLowerCase();
  const owner = !vm.possibleOwners || vm.possibleOwners.some((o) => o.toLowerCase() === node.name.toLowerCase());
  const facts = [
    { label: 'Clustered', value: vm.clustered ? `${vm.name} is clustered` : `${vm.name} is not a clustered role`, ok: vm.clustered },
    { label: 'Runs on', value: there ? `${vm.name} already runs on ${node.name}` : `${vm.ownerNode} (${vm.state})`, ok: !there },
    { label: 'Target', value: `${node.name} is ${node.state}`, ok: node.state === 'Up' },
    {
      label: 'Memory',
      value: `${node.name} has ${gib(node.memoryFreeMB)} free; ${vm.name} needs ${memoryNeeded(vm) ? gib(vm.memoryMB) : 'none while it is off'}`,
      ok: there || node.memoryFreeMB >= memoryNeeded(vm),
    },
    ...(owner ? [] : [{ label: 'Possible owner', value: `${node.name} is not a possible owner of ${vm.name} (its possible owners: ${vm.possibleOwners?.join(', ')})`, ok: false }]),
  ];
  if (type === 'live' && vm.state !== 'Running') {
    facts.push({ label: 'State', value: `${vm.name} is ${vm.state}; live migration needs a running VM (use quick migrate)`, ok: false });
  }
  return { summary: `${kind} of ${vm.name} (${vm.ownerNode} → ${node.name}), ${gib(vm.memoryMB)}`, facts, holds: [`vm:${vm.name}`] };
}

/** The ranking decides the node; the request records it, so the approval is for that node. */
function bestPreflight(vm: ClusterVm, nodes: readonly ClusterNode[], type: Args['type']): Preflight {
  const ranking = rankNodes(vm, nodes);
  const chosen = ranking[0]?.fits ? ranking[0].node : undefined;
  const table = rankingBlocks(ranking);
  if (!chosen) {
    return {
      summary: `No node can take ${vm.name}`,
      facts: [{ label: 'Best node', value: `none: ${whyNone(ranking)}`, ok: false }],
      holds: [`vm:${vm.name}`],
      details: table,
    };
  }
  const base = checks(vm, chosen, type);
  const able = ranking.filter((r) => r.fits).length;
  return {
    ...base,
    summary: `${base.summary} (best of ${able} node${able === 1 ? '' : 's'})`,
    facts: [{ label: 'Best node', value: `${chosen.name}: the most free memory of the nodes that can take ${vm.name}` }, ...base.facts],
    details: table,
    args: { vm: vm.name, node: chosen.name, type },
  };
}

/** The top of the ranking with the reasons, then how many more could or could not take it. */
function rankingBlocks(ranking: readonly NodeRank[]): Block[] {
  const top = ranking.slice(0, LIST_LIMITS.rankingRows);
  const rest = ranking.slice(top.length);
  const able = rest.filter((r) => r.fits).length;
  const more = rest.length
    ? [{ type: 'context' as const, text: `…and ${rest.length} more node${rest.length === 1 ? '' : 's'}: ${able} could take it with less free memory, ${rest.length - able} cannot.` }]
    : [];
  return [{ type: 'table', columns: ['#', 'Node', 'Free memory', 'Can take it?'], rows: top.map(rankRow) }, ...more];
}

function rankRow(r: NodeRank, i: number): string[] {
  return [String(i + 1), r.node.name, gib(Math.max(0, r.freeMB)), `${r.fits ? '✓' : '✗'} ${r.reason}`];
}
