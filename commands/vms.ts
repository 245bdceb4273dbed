/**
 * @module vms: the VMs of the cluster, narrowed by node, state and name, a page at a time. A
 * small list is one table; the whole of a large cluster is a summary with the ways to narrow it.
 */
import { z } from 'zod';
import { nodeName } from '../src/core/arg-types.js';
import type { CommandContext, ReadCommandSpec } from '../src/core/command-spec.js';
import { gib, thousands } from '../src/core/format.js';
import { message } from '../src/core/messages.js';
import { LIST_LIMITS, pageFooter, pageNumber, pageOf } from '../src/core/pages.js';
import { applyFilter, describeFilter, VM_STATE_WORDS, vmsCommand, type VmFilter } from './support/vm-filter.js';
import { vmSummary } from './support/vm-summary.js';

const args = z.object({
  node: nodeName.optional(),
  state: z.enum(VM_STATE_WORDS).optional(),
  match: z.string().min(1).max(100).optional(),
  page: pageNumber.optional(),
});
type Args = z.infer<typeof args>;

/** Natural order (vm2 before vm10); one collator, as 8,000 names are sorted per answer. */
const byName = new Intl.Collator('en', { numeric: true });

const FILTERS = `[on {node}] [{state:${VM_STATE_WORDS.join('|')}}] [matching {match}] [page {page}]`;

/** VMs that a running job of this bot is moving (it holds them). */
async function migratingNames(ctx: CommandContext): Promise<Set<string>> {
  const running = (await ctx.requests.list()).filter((r) => r.state === 'running' && r.cluster === ctx.clusterName);
  return new Set(running.flatMap((r) => r.holds.filter((h) => h.startsWith('vm:')).map((h) => h.slice(3).toLowerCase())));
}

export const vms: ReadCommandSpec<Args> = {
  name: 'vms',
  summary: 'List the VMs, where they run, their state and memory; narrow by node, state or name, a page at a time.',
  patterns: [{ pattern: `vms ${FILTERS}` }, { pattern: `list vms ${FILTERS}` }],
  args,
  risk: 'read',
  examples: ['vms', 'vms on node2', 'vms off', 'vms matching sql*', 'vms running on node2 page 2'],
  async answer({ node, state, match, page }, ctx) {
    const owner = node ? (await ctx.findNode(node)).name : undefined;
    const filter: VmFilter = { ...(owner ? { node: owner } : {}), ...(state ? { state } : {}), ...(match !== undefined ? { match } : {}) };
    const migrating = await migratingNames(ctx);
    const listed = await ctx.cluster.listVms(owner ? { node: owner } : undefined);
    const list = applyFilter(listed, filter, migrating).sort((a, b) => byName.compare(a.name, b.name));
    const narrowed = owner !== undefined || state !== undefined || match !== undefined;
    if (!narrowed && page === undefined && list.length > LIST_LIMITS.plainUpTo) {
      const summary = vmSummary({ clusterName: ctx.clusterName, vms: list, nodes: await ctx.cluster.listNodes(), migrating });
      return message(summary, '`vms on <node>`, `vms off`, `vms matching <name*>`, `vms page 2`');
    }
    const what = describeFilter(filter, ctx.clusterName);
    if (list.length === 0) return message([{ type: 'section', text: `No VMs${what}.` }]);
    const command = (n: number) => vmsCommand(filter, n);
    const shown = page === undefined && list.length <= LIST_LIMITS.plainUpTo ? { rows: list, pages: 1 } : pageOf(list, page ?? 1, command);
    const ofPages = shown.pages > 1 && 'page' in shown ? ` (page ${shown.page} of ${shown.pages})` : '';
    return message(
      [
      { type: 'header', text: `${thousands(list.length)} VM${list.length === 1 ? '' : 's'}${what}${ofPages}` },
      { type: 'table', columns: ['VM', 'Node', 'State', 'Memory'], rows: shown.rows.map((v) => [v.name, v.ownerNode, v.state, gib(v.memoryMB)]) },
      ...('page' in shown ? pageFooter(shown, command) : []),
      ],
      `\`${command(1)}\`, \`vms on <node>\`, \`vms matching <name*>\``,
    );
  },
};
