/**
 * @module vm-filter: the ways to narrow `vms`: a node, a state, a name pattern (`sql*`, `*-01`,
 * `web?`; without a wildcard, any name containing it), and the command text that shows a page
 * of the same list, so a footer can name it.
 */
import type { ClusterVm, VmState } from '../../src/cluster/cluster.js';
import { typed } from '../../src/core/pages.js';

/** The states people narrow by; `other` is any state Hyper-V reports besides the four. */
export const VM_STATE_WORDS = ['running', 'off', 'saved', 'paused', 'other', 'migrating'] as const;
export type VmStateWord = (typeof VM_STATE_WORDS)[number];

const NAMED: Record<Exclude<VmStateWord, 'other' | 'migrating'>, VmState> = { running: 'Running', off: 'Off', saved: 'Saved', paused: 'Paused' };

export interface VmFilter {
  node?: string;
  state?: VmStateWord;
  match?: string;
}

/** The word of a VM's state (`other` for Starting, Stopping, Saving, Other). */
export function stateWord(state: VmState): Exclude<VmStateWord, 'migrating'> {
  const found = (Object.keys(NAMED) as (keyof typeof NAMED)[]).find((k) => NAMED[k] === state);
  return found ?? 'other';
}

/** A case-insensitive glob; with no wildcard, the text anywhere in the name. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  const glob = /[*?]/.test(pattern) ? pattern : `*${pattern}*`;
  const source = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}$`, 'is');
  return (name) => re.test(name);
}

/** The VMs that pass the state and name filters (the node is asked of the cluster). */
export function applyFilter(vms: readonly ClusterVm[], filter: VmFilter, migrating: ReadonlySet<string>): ClusterVm[] {
  const matches = filter.match === undefined ? () => true : nameMatcher(filter.match);
  return vms.filter((vm) => {
    if (!matches(vm.name)) return false;
    if (filter.state === undefined) return true;
    if (filter.state === 'migrating') return migrating.has(vm.name.toLowerCase());
    return stateWord(vm.state) === filter.state;
  });
}

/** `vms off on node07 matching sql* page 3`: the command that shows that page of this list. */
export function vmsCommand(filter: VmFilter, page?: number): string {
  return [
    'vms',
    filter.state ?? '',
    filter.node ? `on ${typed(filter.node)}` : '',
    filter.match !== undefined ? `matching ${typed(filter.match)}` : '',
    page === undefined ? '' : `page ${page}`,
  ].filter(Boolean).join(' ');
}

/** "VMs off matching sql* on node07 on demo" without the count. */
export function describeFilter(filter: VmFilter, clusterName: string): string {
  const parts = [filter.state ? ` ${filter.state}` : '', filter.match !== undefined ? ` matching ${filter.match}` : ''];
  const where = filter.node ? `${filter.node} on ${clusterName}` : clusterName;
  return `${parts.join('')} on ${where}`;
}
