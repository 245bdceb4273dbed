/**
 * @module simulator/demo-inventory: the `demo` cluster used when nothing is configured: three
 * 192 GiB nodes, sixteen VMs of 2 to 16 GiB with plausible dirty-page rates, two CSVs, and the
 * unsigned-driver warning validation usually shows.
 * With the default 2048 MB/s, vm42 (8 GiB) live-migrates in about five seconds.
 */
import type { ClusterInventory } from './inventory.js';

const GiB = 1024;

const vm = (name: string, node: string, gib: number, dirtyMBps: number, extra: { state?: 'Off' | 'Saved'; clustered?: boolean } = {}) =>
  ({ name, node, memoryMB: gib * GiB, dirtyMBps, ...extra });

export const demoInventory: ClusterInventory = {
  name: 'demo',
  nodes: ['node1', 'node2', 'node3'].map((name) => ({ name, memoryMB: 192 * GiB, reserveMB: 8 * GiB, liveMigrationLimit: 2 })),
  vms: [
    vm('vm42', 'node1', 8, 120),
    vm('SQL Server 01', 'node1', 16, 220),
    vm('dc01', 'node1', 4, 10),
    vm('web01', 'node1', 4, 40),
    vm('app01', 'node1', 8, 90),
    vm('SQL Server 02', 'node2', 16, 180),
    vm('dc02', 'node2', 4, 10),
    vm('web02', 'node2', 4, 40),
    vm('app02', 'node2', 8, 90),
    vm('file01', 'node2', 6, 30),
    vm('exchange01', 'node3', 12, 150),
    vm('web03', 'node3', 4, 40),
    vm('build-agent-01', 'node3', 2, 60),
    vm('monitoring', 'node3', 6, 70),
    vm('lab-scratch', 'node3', 2, 25, { clustered: false }),
    vm('test-win11', 'node3', 4, 20, { state: 'Off' }),
  ],
  volumes: [
    { name: 'Volume1', node: 'node1', sizeGB: 2048, freeGB: 812.4 },
    { name: 'Volume2', node: 'node2', sizeGB: 4096, freeGB: 2650 },
  ],
  // The warning real clusters most often show (research §1.5, public Test-Cluster transcripts).
  validationFindings: [
    { category: 'System Configuration', test: 'Validate All Drivers Signed', outcome: 'warning', message: 'The test reported some warnings..' },
  ],
};
