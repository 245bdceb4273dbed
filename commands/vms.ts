/** @module vms: the VMs of the cluster, or of one node. */
import { z } from 'zod';
import { nodeName } from '../src/core/arg-types.js';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { gib } from '../src/core/format.js';
import { message } from '../src/core/messages.js';

const args = z.object({ node: nodeName.optional() });
type Args = z.infer<typeof args>;

export const vms: ReadCommandSpec<Args> = {
  name: 'vms',
  summary: 'List the VMs, where they run, their state and memory.',
  patterns: [{ pattern: 'vms' }, { pattern: 'vms on {node}' }, { pattern: 'list vms' }, { pattern: 'list vms on {node}' }],
  args,
  risk: 'read',
  examples: ['vms', 'vms on node2'],
  async answer({ node }, ctx) {
    const owner = node ? (await ctx.findNode(node)).name : undefined;
    const list = (await ctx.cluster.listVms(owner ? { node: owner } : undefined)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    const where = owner ? `${owner} on ${ctx.clusterName}` : ctx.clusterName;
    return message([
      { type: 'header', text: `${list.length} VM${list.length === 1 ? '' : 's'} on ${where}` },
      { type: 'table', columns: ['VM', 'Node', 'State', 'Memory'], rows: list.map((v) => [v.name, v.ownerNode, v.state, gib(v.memoryMB)]) },
    ]);
  },
};
