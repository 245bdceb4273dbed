/**
 * @module placement: where VMs can go. Nodes that are Up, not the source, with enough free
 * memory; the most free memory first. A drain plan places the largest VMs first.
 */
import type { ClusterNode, ClusterVm } from '../../src/cluster/cluster.js';

export interface Placement {
  vm: ClusterVm;
  target: string | undefined;
}

export function candidateNodes(nodes: readonly ClusterNode[], exclude: string, memoryMB: number, reserved: ReadonlyMap<string, number> = new Map()) {
  return nodes
    .filter((n) => n.state === 'Up' && n.name.toLowerCase() !== exclude.toLowerCase())
    .map((n) => ({ node: n, free: n.memoryFreeMB - (reserved.get(n.name) ?? 0) }))
    .filter((c) => c.free >= memoryMB)
    .sort((a, b) => b.free - a.free || a.node.name.localeCompare(b.node.name));
}

/** Places every VM of a node on the others, largest first, each on the node with most room left. */
export function planDrain(node: string, vms: readonly ClusterVm[], nodes: readonly ClusterNode[]): Placement[] {
  const reserved = new Map<string, number>();
  return [...vms]
    .sort((a, b) => b.memoryMB - a.memoryMB || a.name.localeCompare(b.name))
    .map((vm) => {
      const best = candidateNodes(nodes, node, vm.memoryMB, reserved)[0];
      if (best) reserved.set(best.node.name, (reserved.get(best.node.name) ?? 0) + vm.memoryMB);
      return { vm, target: best?.node.name };
    });
}
