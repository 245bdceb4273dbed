/** @module migrate: live (default) or quick migration of one VM to a named node. */
import { z } from 'zod';
import { nodeName, vmName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec, Preflight } from '../src/core/command-spec.js';
import { streamEvents } from '../src/core/event-channel.js';
import { duration, gib } from '../src/core/format.js';
import { runMigration } from './support/run-migration.js';

const args = z.object({ vm: vmName, node: nodeName, type: z.enum(['live', 'quick']).default('live') });
type Args = z.infer<typeof args>;

export const migrate: ChangeCommandSpec<Args> = {
  name: 'migrate',
  summary: 'Move a VM to another node: live by default (no downtime), or quick (save and restore).',
  patterns: [
    { pattern: 'migrate {vm} to {node}' },
    { pattern: 'move {vm} to {node}' },
    { pattern: 'live migrate {vm} to {node}', set: { type: 'live' } },
    { pattern: 'quick migrate {vm} to {node}', set: { type: 'quick' } },
  ],
  args,
  risk: 'change',
  examples: ['migrate vm42 to node2', 'quick migrate "SQL Server 01" to node3', 'migrate vm42 to node2 --what-if'],

  async preflight({ vm: vmWanted, node: nodeWanted, type }, ctx): Promise<Preflight> {
    const vm = await ctx.findVm(vmWanted);
    const node = await ctx.findNode(nodeWanted);
    const kind = type === 'live' ? 'Live migration' : 'Quick migration';
    const there = vm.ownerNode.toLowerCase() === node.name.toLowerCase();
    const facts = [
      { label: 'Clustered', value: vm.clustered ? `${vm.name} is clustered` : `${vm.name} is not a clustered role`, ok: vm.clustered },
      { label: 'Runs on', value: there ? `${vm.name} already runs on ${node.name}` : `${vm.ownerNode} (${vm.state})`, ok: !there },
      { label: 'Target', value: `${node.name} is ${node.state}`, ok: node.state === 'Up' },
      {
        label: 'Memory',
        value: `${node.name} has ${gib(node.memoryFreeMB)} free; ${vm.name} needs ${gib(vm.memoryMB)}`,
        ok: there || node.memoryFreeMB >= vm.memoryMB,
      },
    ];
    if (type === 'live' && vm.state !== 'Running') {
      facts.push({ label: 'State', value: `${vm.name} is ${vm.state}; live migration needs a running VM (use quick migrate)`, ok: false });
    }
    return {
      summary: `${kind} of ${vm.name} (${vm.ownerNode} → ${node.name}), ${gib(vm.memoryMB)}`,
      facts,
      holds: [`vm:${vm.name}`],
    };
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
