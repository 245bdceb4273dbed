/**
 * @module placement: where a VM can go, as a ranking with reasons. A node can take a VM when it
 * is Up (not paused or down), is one of the VM's possible owners, and has the memory the VM needs
 * (a VM that is off needs none to move); the most free memory first. `migrate <vm> to best` takes
 * the first; a drain plan places the largest VMs first, each on the best node left.
 */
import type { ClusterNode, ClusterVm } from '../../src/cluster/cluster.js';
import { gib, listOf } from '../../src/core/format.js';

export interface NodeRank {
  node: ClusterNode;
  /** Free memory after what this plan already put there. */
  freeMB: number;
  fits: boolean;
  /** Why it can take the VM, or why not. */
  reason: string;
}

export interface Placement {
  vm: ClusterVm;
  target: string | undefined;
  /** Why no node can take it, when none can. */
  why?: string;
}

type Placed = Pick<ClusterVm, 'name' | 'ownerNode' | 'memoryMB' | 'state' | 'possibleOwners'>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Memory the VM needs on its new node: none for a VM that is off. */
export function memoryNeeded(vm: Pick<ClusterVm, 'memoryMB' | 'state'>): number {
  return vm.state === 'Off' ? 0 : vm.memoryMB;
}

function judge(vm: Placed, node: ClusterNode, freeMB: number): Omit<NodeRank, 'node' | 'freeMB'> {
  const needed = memoryNeeded(vm);
  if (node.state !== 'Up') return { fits: false, reason: `${node.state.toLowerCase()}` };
  if (vm.possibleOwners && !vm.possibleOwners.some((o) => same(o, node.name))) return { fits: false, reason: `not a possible owner of ${vm.name}` };
  if (freeMB < needed) return { fits: false, reason: `${gib(Math.max(0, freeMB))} free, ${vm.name} needs ${gib(needed)}` };
  return { fits: true, reason: needed ? `${gib(freeMB)} free, ${vm.name} needs ${gib(needed)}` : `${vm.name} is off and needs no memory to move` };
}

/** Every node but the VM's own: those that can take it by most free memory, then the others with why not. */
export function rankNodes(vm: Placed, nodes: readonly ClusterNode[], reserved: ReadonlyMap<string, number> = new Map()): NodeRank[] {
  return nodes
    .filter((n) => !same(n.name, vm.ownerNode))
    .map((node) => {
      const freeMB = node.memoryFreeMB - (reserved.get(node.name) ?? 0);
      return { node, freeMB, ...judge(vm, node, freeMB) };
    })
    .sort((a, b) => Number(b.fits) - Number(a.fits) || b.freeMB - a.freeMB || a.node.name.localeCompare(b.node.name));
}

/** Why no node can take the VM: "node2 paused; node3 4 GiB free, vm42 needs 8 GiB". */
export function whyNone(ranking: readonly NodeRank[]): string {
  if (!ranking.length) return 'there is no other node';
  const shown = ranking.slice(0, WHY_NONE_SHOWN).map((r) => `${r.node.name} ${r.reason}`);
  const more = ranking.length - shown.length;
  return listOf(more > 0 ? [...shown, `${more} more node${more === 1 ? '' : 's'} for the same kinds of reason`] : shown);
}

/** Nodes named in "why no node can take it" before the rest are counted. */
const WHY_NONE_SHOWN = 5;

/** Places every VM of a node on the others, largest first, each on the node with most room left. */
export function planDrain(node: string, vms: readonly ClusterVm[], nodes: readonly ClusterNode[]): Placement[] {
  const reserved = new Map<string, number>();
  return [...vms]
    .sort((a, b) => b.memoryMB - a.memoryMB || a.name.localeCompare(b.name))
    .map((vm) => {
      const ranking = rankNodes({ ...vm, ownerNode: node }, nodes, reserved);
      const best = ranking[0]?.fits ? ranking[0] : undefined;
      if (!best) return { vm, target: undefined, why: whyNone(ranking) };
      reserved.set(best.node.name, (reserved.get(best.node.name) ?? 0) + memoryNeeded(vm));
      return { vm, target: best.node.name };
    });
}
