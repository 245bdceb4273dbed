/** @module nodes: the cluster's nodes with state, drain status, memory and live-migration limit. */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { gib } from '../src/core/format.js';
import { message } from '../src/core/messages.js';

const args = z.object({});
type Args = z.infer<typeof args>;

export const nodes: ReadCommandSpec<Args> = {
  name: 'nodes',
  summary: 'List the nodes: state, drain status, free memory, VMs and live-migration limit.',
  patterns: [{ pattern: 'nodes' }, { pattern: 'list nodes' }],
  args,
  risk: 'read',
  examples: ['nodes'],
  async answer(_args, ctx) {
    const [list, vms] = await Promise.all([ctx.cluster.listNodes(), ctx.cluster.listVms()]);
    const count = (node: string) => vms.filter((v) => v.ownerNode.toLowerCase() === node.toLowerCase()).length;
    return message([
      { type: 'header', text: `${list.length} nodes in ${ctx.clusterName}` },
      {
        type: 'table',
        columns: ['Node', 'State', 'Drain', 'Free memory', 'VMs', 'Live migrations'],
        rows: list.map((n) => [n.name, n.state, n.drainStatus, `${gib(n.memoryFreeMB)} of ${gib(n.memoryTotalMB)}`, String(count(n.name)), `${n.liveMigrationLimit} at a time`]),
      },
    ]);
  },
};
