/**
 * @module vm-summary: `vms` on a cluster too large for one screen: counts by state and by node,
 * the memory in use, the VMs that need attention (off, saved, paused, other states, migrating),
 * and the ways to narrow the list. Short enough for a console screen and any chat message.
 */
import type { ClusterNode, ClusterVm } from '../../src/cluster/cluster.js';
import type { Block } from '../../src/core/chat.js';
import { thousands } from '../../src/core/format.js';
import { LIST_LIMITS, someOf, typed } from '../../src/core/pages.js';
import { stateWord, vmsCommand, type VmStateWord } from './vm-filter.js';

const ATTENTION: readonly VmStateWord[] = ['off', 'saved', 'paused', 'other', 'migrating'];
/** Node counts per line of the by-node section. */
const NODES_PER_LINE = 8;

const byName = new Intl.Collator('en', { numeric: true });
const gibs = (mb: number) => `${thousands(mb / 1024)} GiB`;
const plural = (n: number, one: string, many = `${one}s`) => `${thousands(n)} ${n === 1 ? one : many}`;

export interface SummaryInput {
  clusterName: string;
  vms: readonly ClusterVm[];
  nodes: readonly ClusterNode[];
  migrating: ReadonlySet<string>;
}

export function vmSummary(s: SummaryInput): Block[] {
  const byState = new Map<VmStateWord, ClusterVm[]>();
  for (const vm of s.vms) {
    const word = s.migrating.has(vm.name.toLowerCase()) ? 'migrating' : stateWord(vm.state);
    const list = byState.get(word);
    if (list) list.push(vm);
    else byState.set(word, [vm]);
  }
  const states = (['running', ...ATTENTION] as VmStateWord[]).filter((w) => byState.has(w)).map((w) => `${thousands(byState.get(w)!.length)} ${w}`);
  const inUse = s.vms.filter((v) => v.state === 'Running' || v.state === 'Paused').reduce((sum, v) => sum + v.memoryMB, 0);
  const total = s.nodes.reduce((sum, n) => sum + n.memoryTotalMB, 0);
  return [
    { type: 'header', text: `${plural(s.vms.length, 'VM')} on ${s.clusterName}: a summary` },
    { type: 'section', text: `${states.join(', ')}.\nMemory in use by running and paused VMs: ${gibs(inUse)} of ${gibs(total)} on ${plural(s.nodes.length, 'node')}.` },
    { type: 'section', text: `VMs by node:\n${byNode(s.vms, s.nodes)}` },
    ...attention(byState),
    { type: 'context', text: narrowing(s) },
  ];
}

function byNode(vms: readonly ClusterVm[], nodes: readonly ClusterNode[]): string {
  const counts = new Map(nodes.map((n) => [n.name.toLowerCase(), 0]));
  for (const vm of vms) counts.set(vm.ownerNode.toLowerCase(), (counts.get(vm.ownerNode.toLowerCase()) ?? 0) + 1);
  const names = new Map(nodes.map((n) => [n.name.toLowerCase(), n.name]));
  const cells = [...counts].map(([key, n]) => `${names.get(key) ?? key} ${thousands(n)}`);
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += NODES_PER_LINE) lines.push(cells.slice(i, i + NODES_PER_LINE).join(' · '));
  return lines.join('\n');
}

function attention(byState: ReadonlyMap<VmStateWord, ClusterVm[]>): Block[] {
  const lines = ATTENTION.filter((w) => byState.has(w)).map((w) => {
    const vms = byState.get(w)!;
    const names = vms.map((v) => v.name).sort(byName.compare);
    const more = vms.length > LIST_LIMITS.inlineItems ? ` (all: \`${vmsCommand({ state: w })}\`)` : '';
    return `${thousands(vms.length)} ${w}: ${someOf(names)}${more}`;
  });
  return lines.length ? [{ type: 'section', text: `Need attention:\n${lines.join('\n')}` }] : [];
}

function narrowing(s: SummaryInput): string {
  const node = s.nodes[0]?.name ?? 'node1';
  const prefix = s.vms[0]?.name.slice(0, 3) ?? 'sql';
  return [
    `Narrow it: \`vms on ${typed(node)}\`, \`vms running\`, \`vms off\`, \`vms matching ${typed(`${prefix}*`)}\`,`,
    `or page through all of them, ${LIST_LIMITS.pageRows} a page: \`vms page 1\`. They combine: \`vms off on ${typed(node)} page 2\`.`,
  ].join(' ');
}
