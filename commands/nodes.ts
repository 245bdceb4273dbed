/**
 * @module nodes: the cluster's nodes with state, drain status (the bot's own drain included),
 * memory, and their live-migration limit and performance option; a page at a time on a large
 * cluster, under a summary of the whole.
 */
import { z } from 'zod';
import type { ClusterNode, ClusterVm } from '../src/cluster/cluster.js';
import type { Block } from '../src/core/chat.js';
import type { CommandContext, ReadCommandSpec } from '../src/core/command-spec.js';
import { gib, thousands } from '../src/core/format.js';
import { message } from '../src/core/messages.js';
import { LIST_LIMITS, pageFooter, pageNumber, pageOf, someOf } from '../src/core/pages.js';

const args = z.object({ page: pageNumber.optional() });
type Args = z.infer<typeof args>;

/** "2 at a time", or "1 at a time (cluster setting; the host says 4)". */
function limitOf(node: ClusterNode): string {
  const text = `${node.liveMigrationLimit} at a time`;
  if (node.clusterMigrationLimit === undefined) return text;
  const host = node.hostMigrationLimit === undefined || node.hostMigrationLimit === node.clusterMigrationLimit ? '' : `; the host says ${node.hostMigrationLimit}`;
  return `${text} (cluster setting${host})`;
}

/**
 * The bot drains a node by moving its VMs itself (Windows' own drain is not used), so the
 * cluster says NotInitiated: the Drain column shows the bot's running drain instead.
 */
async function botDrains(ctx: CommandContext): Promise<Map<string, string>> {
  const running = (await ctx.requests.list()).filter((r) => r.command === 'drain' && r.state === 'running' && r.cluster === ctx.clusterName);
  return new Map(running.map((r) => [String(r.args.node).toLowerCase(), `draining: #${r.id}, ${Math.round(r.job?.percent ?? 0)}%`]));
}

function vmCounts(vms: readonly ClusterVm[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const vm of vms) counts.set(vm.ownerNode.toLowerCase(), (counts.get(vm.ownerNode.toLowerCase()) ?? 0) + 1);
  return counts;
}

function summary(list: readonly ClusterNode[], drains: ReadonlyMap<string, string>): Block {
  const byState = new Map<string, string[]>();
  for (const n of list) byState.set(n.state, [...(byState.get(n.state) ?? []), n.name]);
  const states = [...byState].map(([state, names]) => (state === 'Up' ? `${names.length} Up` : `${names.length} ${state} (${someOf(names)})`));
  const free = list.reduce((s, n) => s + n.memoryFreeMB, 0);
  const total = list.reduce((s, n) => s + n.memoryTotalMB, 0);
  const draining = list.filter((n) => drains.has(n.name.toLowerCase()) || n.drainStatus === 'InProgress').map((n) => n.name);
  const lines = [`${states.join(', ')}.`, `Free memory: ${thousands(free / 1024)} GiB of ${thousands(total / 1024)} GiB.`];
  if (draining.length) lines.push(`Draining: ${someOf(draining)}.`);
  return { type: 'section', text: lines.join('\n') };
}

export const nodes: ReadCommandSpec<Args> = {
  name: 'nodes',
  summary: 'List the nodes: state, drain status, free memory, VMs, live-migration limit and migration performance option.',
  patterns: [{ pattern: 'nodes [page {page}]' }, { pattern: 'list nodes [page {page}]' }],
  args,
  risk: 'read',
  examples: ['nodes', 'nodes page 2'],
  async answer({ page }, ctx) {
    const [list, vms, drains] = await Promise.all([ctx.cluster.listNodes(), ctx.cluster.listVms(), botDrains(ctx)]);
    const counts = vmCounts(vms);
    const clusterLimit = list.find((n) => n.clusterMigrationLimit !== undefined)?.clusterMigrationLimit;
    const command = (n: number) => `nodes page ${n}`;
    const paged = page !== undefined || list.length > LIST_LIMITS.plainUpTo;
    const shown = paged ? pageOf(list, page ?? 1, command) : undefined;
    const ofPages = shown && shown.pages > 1 ? ` (page ${shown.page} of ${shown.pages})` : '';
    return message(
      [
        { type: 'header', text: `${list.length} nodes in ${ctx.clusterName}${ofPages}` },
        ...(paged ? [summary(list, drains)] : []),
        {
          type: 'table',
          columns: ['Node', 'State', 'Drain', 'Free memory', 'VMs', 'Live migrations', 'Performance'],
          rows: (shown?.rows ?? list).map((n) => [
            n.name, n.state, drains.get(n.name.toLowerCase()) ?? n.drainStatus, `${gib(n.memoryFreeMB)} of ${gib(n.memoryTotalMB)}`,
            String(counts.get(n.name.toLowerCase()) ?? 0), limitOf(n), n.migrationPerformance ?? 'unknown',
          ]),
        },
        ...(shown ? pageFooter(shown, command) : []),
        ...(clusterLimit === undefined
          ? []
          : [{ type: 'context' as const, text: `The cluster's MaximumParallelMigrations (${clusterLimit}) overrides each host's own limit.` }]),
      ],
      '`nodes page 2`',
    );
  },
};
