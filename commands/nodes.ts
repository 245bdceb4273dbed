/** @module nodes: the cluster's nodes with state, drain status, memory, and their live-migration limit and performance option. */
import { z } from 'zod';
import type { ClusterNode } from '../src/cluster/cluster.js';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { gib } from '../src/core/format.js';
import { message } from '../src/core/messages.js';

const args = z.object({});
type Args = z.infer<typeof args>;

/** "2 at a time", or "1 at a time (cluster setting; the host says 4)". */
function limitOf(node: ClusterNode): string {
  const text = `${node.liveMigrationLimit} at a time`;
  if (node.clusterMigrationLimit === undefined) return text;
  const host = node.hostMigrationLimit === undefined || node.hostMigrationLimit === node.clusterMigrationLimit ? '' : `; the host says ${node.hostMigrationLimit}`;
  return `${text} (cluster setting${host})`;
}

export const nodes: ReadCommandSpec<Args> = {
  name: 'nodes',
  summary: 'List the nodes: state, drain status, free memory, VMs, live-migration limit and migration performance option.',
  patterns: [{ pattern: 'nodes' }, { pattern: 'list nodes' }],
  args,
  risk: 'read',
  examples: ['nodes'],
  async answer(_args, ctx) {
    const [list, vms] = await Promise.all([ctx.cluster.listNodes(), ctx.cluster.listVms()]);
    const count = (node: string) => vms.filter((v) => v.ownerNode.toLowerCase() === node.toLowerCase()).length;
    const clusterLimit = list.find((n) => n.clusterMigrationLimit !== undefined)?.clusterMigrationLimit;
    return message([
      { type: 'header', text: `${list.length} nodes in ${ctx.clusterName}` },
      {
        type: 'table',
        columns: ['Node', 'State', 'Drain', 'Free memory', 'VMs', 'Live migrations', 'Performance'],
        rows: list.map((n) => [
          n.name, n.state, n.drainStatus, `${gib(n.memoryFreeMB)} of ${gib(n.memoryTotalMB)}`, String(count(n.name)), limitOf(n),
          n.migrationPerformance ?? 'unknown',
        ]),
      },
      ...(clusterLimit === undefined
        ? []
        : [{ type: 'context' as const, text: `The cluster's MaximumParallelMigrations (${clusterLimit}) overrides each host's own limit.` }]),
    ]);
  },
};
