/**
 * @module simulator/scale-inventory: a generated cluster of any size up to Windows Server's
 * limits (64 nodes, 8,000 VMs per cluster: Learn, "Hyper-V scalability in Windows Server"), to
 * rehearse what a bot's answers look like on a large cluster. Deterministic: the same sizes give
 * the same names, states and memory every time.
 */
import type { ClusterInventory } from './inventory.js';

export interface ScaleOptions {
  nodes: number;
  vms: number;
  name?: string;
}

/** Windows Server failover cluster maxima (Hyper-V scalability in Windows Server, "Failover Clusters"). */
export const FAILOVER_CLUSTER_MAXIMA = { nodes: 64, vmsPerCluster: 8000 } as const;

const GiB = 1024;
/** Roles the generated VMs play; `sql` gives `vms matching sql*` something to find. */
const ROLES = ['web', 'app', 'sql', 'file', 'dc', 'build', 'cache', 'mq'] as const;
const SIZES_GIB = [2, 4, 4, 8, 4, 16, 2, 8] as const;

function vmState(i: number): 'Running' | 'Off' | 'Saved' | 'Paused' {
  if (i % 97 === 13) return 'Saved';
  if (i % 41 === 7) return 'Off';
  if (i % 211 === 101) return 'Paused';
  return 'Running';
}

export function scaleInventory(o: ScaleOptions): ClusterInventory {
  if (o.nodes < 1 || o.vms < 0) throw new RangeError('a cluster needs at least one node and no negative VM count');
  const width = String(o.nodes).length < 2 ? 2 : String(o.nodes).length;
  const nodeNames = Array.from({ length: o.nodes }, (_, i) => `node${String(i + 1).padStart(width, '0')}`);
  const perNode = Math.ceil(o.vms / o.nodes);
  // Room for every VM at the largest size's average plus half again, so drains have somewhere to go.
  const nodeGiB = Math.max(192, Math.ceil((perNode * 6 * 1.5) / 64) * 64 + 8);
  const vmWidth = Math.max(4, String(o.vms).length);
  return {
    name: o.name ?? 'scale',
    nodes: nodeNames.map((name) => ({ name, memoryMB: nodeGiB * GiB, reserveMB: 8 * GiB, liveMigrationLimit: 2 })),
    vms: Array.from({ length: o.vms }, (_, i) => ({
      name: `${ROLES[i % ROLES.length]}${String(i + 1).padStart(vmWidth, '0')}`,
      node: nodeNames[i % o.nodes]!,
      memoryMB: SIZES_GIB[Math.floor(i / o.nodes) % SIZES_GIB.length]! * GiB,
      dirtyMBps: 20 + (i % 7) * 30,
      state: vmState(i),
    })),
    volumes: Array.from({ length: Math.max(1, Math.ceil(o.nodes / 4)) }, (_, i) => ({
      name: `Volume${i + 1}`,
      node: nodeNames[(i * 4) % o.nodes]!,
      sizeGB: 4096,
      freeGB: 1024 + i * 37.5,
    })),
  };
}
