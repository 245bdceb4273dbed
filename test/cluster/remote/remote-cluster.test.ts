/**
 * RemoteCluster over the whole WinRS PowerShell path, in-process: RemoteCluster →
 * createPowerShellRunner (quoting, invocation, encoded command or stdin bootstrap, CLIXML) → a
 * CommandRunner that hands each command to the simulator's pwsh host (a real pwsh per command, as
 * powershell.exe per command over WinRS) → the fake cluster modules → SimulatedCluster. A sample of
 * the contract, then what the scripts carry (the watches that take dozens of looks read the same
 * scripts as PSRP functions in one warm pwsh).
 */
import { jest } from '@jest/globals';
import { createSimulatedCluster, type SimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { Cluster, MigrationRequest } from '../../../src/cluster/cluster.js';
import { warmPsrpCluster } from '../../support/warm-psrp-contract.js';
import { startPwshCluster, type PwshCluster } from '../../support/pwsh-cluster.js';
import { contractInventory, describeClusterContract, expectMonotonic, refusal, watchToEnd, oneCasePerScript } from '../contract.js';
import { cmdletCalls, expectEachOperationOnItsNode } from './no-second-hop.js';

interface Rig {
  clock: VirtualClock;
  simulator: SimulatedCluster;
  cluster: Cluster;
  rig: Pick<PwshCluster, 'powershell' | 'simulator'>;
  /** Another RemoteCluster on the same cluster: a process that remembers nothing. */
  another(): Cluster;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

/**
 * The cluster behind the scripts over WinRS (a pwsh per command), or behind the same scripts as
 * the JEA module's functions over PSRP (one warm pwsh): a test that watches a migration look by
 * look (dozens of looks) reads the same script output either way, and over WinRS each look would
 * cost a PowerShell start.
 */
async function rig(via: 'winrs' | 'psrp' = 'winrs'): Promise<Rig> {
  if (via === 'psrp') return warmPsrpRig();
  const started = await startPwshCluster(contractInventory);
  open.push(started);
  return { clock: started.clock, simulator: started.simulator, cluster: started.remote(), rig: started, another: started.remote };
}

/** Over PSRP the nodes' PowerShells stay warm for the file; each test gets a fresh cluster and clock behind them. */
const warmPsrp = warmPsrpCluster(contractInventory);
afterAll(() => warmPsrp.close());
async function warmPsrpRig(): Promise<Rig> {
  const clock = createVirtualClock({ start: Date.now() });
  const simulator = createSimulatedCluster({ inventory: contractInventory, clock });
  const started = await warmPsrp.behind(clock, simulator);
  return { clock, simulator, cluster: started.remote(), rig: { powershell: started.powershell, simulator }, another: started.remote };
}

// Every script runs in its own pwsh, as powershell.exe per command over WinRS: most of a second of CPU each.
jest.setTimeout(180_000);

/**
 * The whole contract runs over PSRP (psrp-cluster.test.ts), where the same functions run in one
 * warm PowerShell. Over WinRS every look starts a PowerShell (a second or two of CPU), so this
 * path runs a sample that runs every script at least once (`oneCasePerScript`). Refusals over WinRS are read from
 * stderr's CLIXML here (an unknown node, below), in hostile-names.test.ts and in admin-scripts.test.ts.
 */

/**
 * Over WinRS, the scripts that "each operation runs on the node it concerns" (below) does not run:
 * that test already runs list-vms, list-nodes, get-node-host, set-vm-power, checkpoint-vm,
 * list-checkpoints, find-vm-host, migrate-vm, move-volume and list-events here, each in its pwsh.
 */
const coveredByEachOperationOnItsNode = new Set([
  'lists the nodes with their state and memory', 'lists every VM with a GUID and its owner node', 'a volume moves to another node, whatever the case of the names',
  'a saved VM can be turned off, which drops its saved state', 'named and Hyper-V-named checkpoints, each on top of the last, listed oldest first', 'a quiet cluster has none',
]);
for (const name of coveredByEachOperationOnItsNode) if (!oneCasePerScript.includes(name)) throw new Error(`"${name}" is not in oneCasePerScript`);
const winrsSample = oneCasePerScript.filter((name) => !coveredByEachOperationOnItsNode.has(name));

describeClusterContract(
  'RemoteCluster via real PowerShell over WinRS',
  async () => {
    const started = await startPwshCluster(contractInventory);
    return {
      cluster: started.remote(), clock: started.clock, inject: (failure) => started.simulator.injectFailure(failure), teardown: started.close,
      pollMs: 3000,
    };
  },
  { sample: winrsSample },
);

const live = (vm: string, node: string): MigrationRequest => ({ vm, node, type: 'live' });

describe('RemoteCluster via real PowerShell: what the scripts carry', () => {
  test('a live migration reports the real job percentages, phases from MigrationState, and the blackout from the job', async () => {
    const { cluster, simulator } = await rig('psrp');
    await cluster.migrateVm(live('SQL Server 01', 'node2'));
    const { progress, outcome } = await watchToEnd(cluster, live('SQL Server 01', 'node2'), 1000);
    expectMonotonic(progress);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['starting', 'memory-copy', 'blackout', 'done']));
    expect(new Set(progress.map((p) => p.percent)).size).toBeGreaterThan(5);
    const record = simulator.history('SQL Server 01')[0];
    expect(record?.result).toEqual({ kind: 'succeeded', outcome });
  });

  test('a quick migration reaches the cluster as Move-ClusterVirtualMachineRole, and only the watch reads follow', async () => {
    const { cluster, rig: started } = await rig('psrp');
    const before = new Map(started.powershell.service.calls()); // the warm service counts for the whole file
    await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'quick' });
    await watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'quick' });
    const calls = new Map([...started.powershell.service.calls()].map(([name, n]): [string, number] => [name, n - (before.get(name) ?? 0)]).filter(([, n]) => n > 0));
    expect(calls.get('Move-ClusterVirtualMachineRole')).toBe(1);
    expect([...calls.keys()].filter((name) => !name.startsWith('Get-'))).toEqual(['Move-ClusterVirtualMachineRole']);
    expect(started.simulator.history('web01')[0]).toMatchObject({ type: 'quick', target: 'node2' });
  });

  test('a quick migration goes saving → moving → restoring as the VM resource goes offline and back', async () => {
    const { cluster } = await rig('psrp');
    await cluster.migrateVm({ vm: 'app01', node: 'node2', type: 'quick' });
    const { progress, outcome } = await watchToEnd(cluster, { vm: 'app01', node: 'node2', type: 'quick' }, 500);
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(['saving', 'moving', 'restoring', 'done']);
    expect(outcome.downtimeMs).toBe(outcome.durationMs);
  });

  test('a migration that fails half way throws migration-failed with the reason and the Windows code', async () => {
    const { cluster, simulator } = await rig('psrp');
    simulator.injectFailure({ kind: 'network-drop', vm: 'app01', atPercent: 40 });
    await cluster.migrateVm(live('app01', 'node2'));
    const error = await refusal(watchToEnd(cluster, live('app01', 'node2')), 'migration-failed');
    expect(error.message).toMatch(/^the live migration of app01 to node2 failed: the network between node1 and node2 dropped/);
    expect(error.details).toMatchObject({ vm: 'app01', source: 'node1', target: 'node2', hresult: '0x80072746' });
    await refusal(watchToEnd(cluster, live('app01', 'node2')), 'migration-failed');
  });

  test('a target that turns out short of memory fails the quick migration, read from the resource\'s failure reason', async () => {
    const { cluster, simulator } = await rig('psrp');
    simulator.injectFailure({ kind: 'not-enough-memory', vm: 'web01' });
    await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'quick' });
    const error = await refusal(watchToEnd(cluster, { vm: 'web01', node: 'node2', type: 'quick' }), 'migration-failed');
    expect(error.message).toContain('not enough memory (0x8007000E)');
    expect(await cluster.getVm('web01')).toMatchObject({ ownerNode: 'node1' });
  });

  test('a watch of a VM migrating elsewhere names where it goes', async () => {
    const { cluster } = await rig('psrp');
    await cluster.migrateVm(live('app01', 'node2'));
    const error = await refusal(cluster.watchMigration(live('app01', 'node1')).next(), 'no-migration-running');
    expect(error.message).toBe('app01 is migrating to node2, not node1');
  });

  test('a finished migration is read from its job for 5 minutes; after that only the process that watched it knows it', async () => {
    const { cluster, clock, another } = await rig('psrp');
    await cluster.migrateVm(live('web01', 'node2'));
    const { outcome } = await watchToEnd(cluster, live('web01', 'node2'));
    expect(await another().watchMigration(live('web01', 'node2')).next()).toEqual({ done: true, value: outcome });
    await clock.advance(6 * 60 * 1000);
    await refusal(another().watchMigration(live('web01', 'node2')).next(), 'no-migration-running');
    expect(await cluster.watchMigration(live('web01', 'node2')).next()).toEqual({ done: true, value: outcome });
  });

  test('each operation runs on the node it concerns, each node in its own PowerShell, and no script reaches another node', async () => {
    const calls = cmdletCalls();
    const started = await startPwshCluster(contractInventory, { onCall: calls.record });
    open.push(started);
    await expectEachOperationOnItsNode(started.remote(), calls);
    expect(started.sessionsOpened).toEqual(['node1', 'node2']);
  });

  test('an unknown node in a filter is a node-not-found refusal, with the name as given', async () => {
    const { cluster } = await rig();
    const error = await refusal(cluster.listVms({ node: "node'9" }), 'node-not-found');
    expect(error.message).toBe('no node named "node\'9" on contract');
  });
});
