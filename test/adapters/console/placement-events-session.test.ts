/**
 * Placement (`migrate <vm> to best`, possible owners, the drain plan), the nodes' live-migration
 * settings, recent events, and the Windows errors people hit, through the real console adapter
 * to the simulated cluster served as in the demo (PSRP over WinRM on loopback to a real pwsh).
 */
import { explainWindowsError, type KnownWindowsError } from '../../../src/cluster/windows-errors.js';
import type { ClusterInventory } from '../../../src/cluster/simulator/inventory.js';
import type { FailureKind } from '../../../src/cluster/simulator/failure-injection.js';
import { jest } from '@jest/globals';
import { runConsoleScript as runInProcess } from './run-console-script.js';
import { runConsoleWith as runInventoryInProcess } from './run-console-inventory.js';
import { warmServedClusters } from '../../support/warm-served-cluster.js';

// Served as in the demo: the Windows errors and events come through the operations in a real pwsh.
jest.setTimeout(120_000);
// The nodes' PowerShells stay warm across the file; each session gets a fresh cluster behind them.
const served = warmServedClusters();
afterAll(() => served.close());
const runConsoleScript = (lines: string[], arrange?: Parameters<typeof runInProcess>[1]) => runInProcess(lines, arrange, { transport: 'psrp', buildCluster: served.buildCluster });
const runConsoleWith = (inventory: ClusterInventory, lines: string[]) => runInventoryInProcess(inventory, lines, undefined, { transport: 'psrp', buildCluster: served.buildCluster });

const GiB = 1024;

/** hv2 has the most room, but pinned may only run on hv1 and hv3; the cluster allows one live migration at a time. */
const owners: ClusterInventory = {
  name: 'owners',
  maximumParallelMigrations: 1,
  nodes: [
    { name: 'hv1', memoryMB: 64 * GiB, reserveMB: 4 * GiB },
    { name: 'hv2', memoryMB: 256 * GiB, reserveMB: 4 * GiB, migrationPerformance: 'SMB' },
    { name: 'hv3', memoryMB: 64 * GiB, reserveMB: 4 * GiB, liveMigrationLimit: 4 },
  ],
  vms: [
    { name: 'pinned', node: 'hv1', memoryMB: 8 * GiB, possibleOwners: ['hv1', 'hv3'] },
    { name: 'web', node: 'hv1', memoryMB: 4 * GiB },
  ],
};

describe('migrate to best', () => {
  test('ranks the nodes in the preflight, asks approval for the chosen one, and moves there', async () => {
    const { output, result } = await runConsoleScript(['migrate vm42 to best', 'as bob: approve 1', 'vms on node3']);
    expect(output).toContain('#1 Live migration of vm42 (node1 → node3), 8 GiB (best of 2 nodes)');
    expect(output).toContain('Best node: node3: the most free memory of the nodes that can take vm42');
    expect(output).toMatch(/1 +node3 +158 GiB +✓ 158 GiB free, vm42 needs 8 GiB/);
    expect(output).toMatch(/2 +node2 +146 GiB +✓ 146 GiB free, vm42 needs 8 GiB/);
    expect(output).toMatch(/✅ #1 vm42 is running on node3 \(live migration/);
    expect(output).toMatch(/vm42 +node3 +Running/);
    expect(result).toEqual({ exitCode: 0, refused: [], failedJobs: [] });
  });

  test('a node that is not a possible owner is passed over, with the reason', async () => {
    const { output } = await runConsoleWith(owners, ['migrate pinned to best']);
    expect(output).toContain('#1 Live migration of pinned (hv1 → hv3), 8 GiB (best of 1 node)');
    expect(output).toMatch(/2 +hv2 +\d+ GiB +✗ not a possible owner of pinned/);
  });

  test('refused when no node can take the VM, with every node\'s reason', async () => {
    const { output, result } = await runConsoleScript(['migrate vm42 to best'], (cluster) => {
      cluster.setNodeState('node2', 'Paused');
      cluster.setNodeState('node3', 'Down');
    });
    expect(output).toContain('Refused: No node can take vm42');
    expect(output).toContain('Best node: none: node2 paused and node3 down ✗');
    expect(result.refused).toEqual(['migrate vm42 to best']);
  });

  test('a named node that is not a possible owner is refused before any request', async () => {
    const { output, result } = await runConsoleWith(owners, ['migrate pinned to hv2']);
    expect(output).toContain('Possible owner: hv2 is not a possible owner of pinned (its possible owners: hv1, hv3) ✗');
    expect(result.refused).toEqual(['migrate pinned to hv2']);
  });

  test('drain plans with the same ranking: the pinned VM goes to its possible owner', async () => {
    const { output } = await runConsoleWith(owners, ['drain hv1 --what-if']);
    expect(output).toMatch(/pinned +8 GiB +→ hv3 \(live\)/);
    expect(output).toMatch(/web +4 GiB +→ hv2 \(live\)/);
  });
});

describe('nodes: live-migration limits and performance', () => {
  test('the cluster\'s MaximumParallelMigrations overrides each host\'s limit, and says so', async () => {
    const { output } = await runConsoleWith(owners, ['nodes']);
    expect(output).toMatch(/hv1 +Up .* 1 at a time \(cluster setting; the host says 2\) +Compression/);
    expect(output).toMatch(/hv2 +Up .* 1 at a time \(cluster setting; the host says 2\) +SMB/);
    expect(output).toMatch(/hv3 +Up .* 1 at a time \(cluster setting; the host says 4\) +Compression/);
    expect(output).toContain("The cluster's MaximumParallelMigrations (1) overrides each host's own limit.");
  });
});

describe('events', () => {
  test('a node that goes down: 1135 on a node still up, and its volume pausing (5120)', async () => {
    const { output, result } = await runConsoleScript(['events', 'events node1 --since 2h', 'events vm42'], (cluster) => cluster.setNodeState('node2', 'Down'));
    expect(output).toContain('2 events in the last 1 h on demo');
    expect(output).toMatch(/1135 +Critical +node1 +Cluster node 'node2' was removed from the active failover cluster membership/);
    expect(output).toMatch(/5120 +Error +node1 +Cluster Shared Volume 'Volume2' \('Volume2'\) has entered a paused state because of 'STATUS_CONNECTION_DISCONNECTED\(c000020c\)'/);
    expect(output).toContain('2 events about node1 in the last 2 h on demo');
    expect(output).toContain('No failover or Hyper-V high-availability events about vm42 in the last 1 h on demo.');
    expect(result.refused).toEqual([]);
  });

  test('--since takes minutes, hours or days', async () => {
    const { output, result } = await runConsoleScript(['events --since 90m', 'events --since soon']);
    expect(output).toContain('No failover or Hyper-V high-availability events in the last 90 min on demo.');
    expect(output).toContain('since should look like 30m, 2h or 7d');
    expect(result.refused).toEqual(['events --since soon']);
  });
});

describe('the Windows errors people hit are explained with the fix', () => {
  // One of each way a Windows error reaches chat (the job's error text, its HRESULT, a cmdlet's
  // refusal): every pwsh costs most of a second, and the contract suite covers each error kind.
  const cases: [FailureKind, KnownWindowsError, string][] = [
    ['processor-incompatible', 'processor-compatibility', 'is using processor-specific features not supported on host "node2"'],
    ['not-enough-memory', 'out-of-memory', '0x8007000E'],
    ['no-migration-network', 'no-migration-network', '0x000013AB'],
    ['not-possible-owner', 'not-possible-owner', '0x80071398'],
    ['node-paused', 'node-paused', '0x800713CE'],
  ];

  test.each(cases)('%s: the job fails with Windows\' words, why (%s) and the fix', async (kind, name, windowsText) => {
    const { output, result } = await runConsoleScript(['migrate app01 to node2', 'as bob: approve 1', 'events app01'], (cluster) =>
      cluster.injectFailure({ kind, vm: 'app01' }),
    );
    const explanation = explainWindowsError(name);
    expect(output).toMatch(/❌ #1 /);
    expect(output).toContain(windowsText);
    expect(output).toContain(`Why: ${explanation.words}.`);
    expect(output).toContain(`Fix: ${explanation.fix}`);
    expect(result.failedJobs).toEqual([1]);
  });

  test('the failed move shows in events with 21502 and 21111', async () => {
    const { output } = await runConsoleScript(['migrate app01 to node2', 'as bob: approve 1', 'events app01'], (cluster) =>
      cluster.injectFailure({ kind: 'credssp', vm: 'app01' }),
    );
    expect(output).toContain('2 events about app01 in the last 1 h on demo');
    expect(output).toMatch(/21111 +Error +node1 +Live migration of 'Virtual Machine app01' failed\./);
    expect(output).toMatch(/21502 +Error +node1 +Live migration of 'Virtual Machine app01' failed\. Virtual machine migration operation for 'app01' failed at migration source 'node1'/);
  });
});
