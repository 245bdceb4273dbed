import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import type { MigrationRequest } from '../../src/cluster/cluster.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { contractInventory, describeClusterContract, refusal, watchToEnd } from './contract.js';

const GiB = 1024;

describeClusterContract('SimulatedCluster on the virtual clock', async () => {
  const clock = createVirtualClock();
  const cluster = createSimulatedCluster({ inventory: contractInventory, clock });
  return { cluster, clock, inject: (failure) => cluster.injectFailure(failure) };
});

/** A cluster on a clock that moves only when the test says so. */
function manual(inventory = demoInventory) {
  const clock = createVirtualClock({ auto: false });
  return { clock, cluster: createSimulatedCluster({ inventory, clock }) };
}

const live = (vm: string, node: string): MigrationRequest => ({ vm, node, type: 'live' });

describe('SimulatedCluster: live migration', () => {
  test('copies memory in passes of shrinking size, then a blackout, then done', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
    await cluster.migrateVm(live('vm42', 'node2'));
    const { progress, outcome } = await watchToEnd(cluster, live('vm42', 'node2'), 50);
    const phases = [...new Set(progress.map((p) => (p.phase === 'memory-copy' ? `pass ${p.pass}` : p.phase)))];
    expect(phases).toEqual(['starting', 'pass 1', 'pass 2', 'blackout', 'done']);
    expect(outcome.downtimeMs).toBeGreaterThanOrEqual(300);
    expect(outcome.downtimeMs).toBeLessThan(1000);
  });

  test('in the demo, vm42 (8 GiB) live-migrates in a few seconds at the default bandwidth', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
    await cluster.migrateVm(live('vm42', 'node2'));
    const { outcome } = await watchToEnd(cluster, live('vm42', 'node2'));
    expect(outcome.durationMs).toBeGreaterThan(2000);
    expect(outcome.durationMs).toBeLessThan(10000);
  });

  test('half the bandwidth takes about twice as long', async () => {
    const run = async (bandwidthMBps: number) => {
      const clock = createVirtualClock();
      const cluster = createSimulatedCluster({ inventory: demoInventory, clock, bandwidthMBps });
      await cluster.migrateVm(live('app01', 'node3'));
      return (await watchToEnd(cluster, live('app01', 'node3'))).outcome.durationMs;
    };
    const [fast, slow] = [await run(2048), await run(1024)];
    expect(slow / fast).toBeGreaterThan(1.8);
  });

  test('a watch that starts late sees the migration where the clock says it is', async () => {
    const { clock, cluster } = manual();
    await cluster.migrateVm(live('vm42', 'node2'));
    await clock.advance(2250);
    const first = await cluster.watchMigration(live('vm42', 'node2')).next();
    expect(first.value).toMatchObject({ phase: 'memory-copy', pass: 1 });
    expect((first.value as { percent: number }).percent).toBeGreaterThan(40);
    expect((first.value as { percent: number }).percent).toBeLessThan(60);
  });
});

describe('SimulatedCluster: quick migration', () => {
  test('the guest is saving, then saved, then starting; downtime is the whole migration', async () => {
    const { clock, cluster } = manual();
    await cluster.migrateVm({ vm: 'vm42', node: 'node3', type: 'quick' });
    const states: string[] = [];
    for (let t = 0; t < 50; t++) {
      states.push((await cluster.getVm('vm42'))!.state);
      await clock.advance(500);
    }
    expect([...new Set(states)]).toEqual(['Saving', 'Saved', 'Starting', 'Running']);
    const outcome = (await cluster.watchMigration({ vm: 'vm42', node: 'node3', type: 'quick' }).next()).value;
    expect(outcome).toMatchObject({ type: 'quick', target: 'node3' });
    expect((outcome as { downtimeMs: number }).downtimeMs).toBe((outcome as { durationMs: number }).durationMs);
  });

  test('a quick migration cannot be cancelled', async () => {
    const { cluster } = manual();
    await cluster.migrateVm({ vm: 'vm42', node: 'node3', type: 'quick' });
    await refusal(cluster.cancelMigration('vm42'), 'no-migration-running');
  });
});

describe('SimulatedCluster: memory accounting', () => {
  test('the target reserves the memory at the start; the source releases it at the end', async () => {
    const { clock, cluster } = manual(contractInventory);
    const free = async () => Object.fromEntries((await cluster.listNodes()).map((n) => [n.name, n.memoryFreeMB]));
    const before = await free();
    await cluster.migrateVm(live('SQL Server 01', 'node2'));
    expect(await free()).toMatchObject({ node1: before.node1, node2: before.node2! - 16 * GiB });
    const refused = await refusal(cluster.migrateVm(live('app01', 'node2')), 'not-enough-memory');
    expect(refused.message).toBe('node2 has 2 GiB free; app01 needs 8 GiB');
    await clock.advance(60_000);
    expect(await free()).toMatchObject({ node1: before.node1! + 16 * GiB, node2: before.node2! - 16 * GiB });
  });

  test('cancelling during the blackout is refused; the migration completes', async () => {
    const { clock, cluster } = manual();
    await cluster.migrateVm(live('vm42', 'node2'));
    const { endsAt } = cluster.migrations()[0]!;
    await clock.advance(endsAt - clock.now() - 100);
    expect(cluster.migrations()[0]?.phase).toBe('blackout');
    const error = await refusal(cluster.cancelMigration('vm42'), 'no-migration-running');
    expect(error.details.phase).toBe('blackout');
    await clock.advance(200);
    expect((await cluster.getVm('vm42'))?.ownerNode).toBe('node2');
  });
});

describe('SimulatedCluster: concurrency', () => {
  test('records the most migrations each node took part in at once, without refusing any', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
    const moves = [live('vm42', 'node2'), live('app01', 'node2'), live('web01', 'node3'), live('dc01', 'node3')];
    for (const m of moves) await cluster.migrateVm(m);
    expect(cluster.stats().activeMigrations).toEqual({ node1: 4, node2: 2, node3: 2 });
    await Promise.all(moves.map((m) => watchToEnd(cluster, m)));
    const stats = cluster.stats();
    expect(stats.maxConcurrentMigrations).toEqual({ node1: 4, node2: 2, node3: 2 });
    expect(stats.activeMigrations).toEqual({ node1: 0, node2: 0, node3: 0 });
    expect(stats).toMatchObject({ started: 4, succeeded: 4, failed: 0 });
    cluster.resetStats();
    expect(cluster.stats().maxConcurrentMigrations).toEqual({ node1: 0, node2: 0, node3: 0 });
  });

  test('failback after resume goes through each node\'s live migration limit', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
    const leaving = ['vm42', 'app01', 'web01', 'dc01'];
    await cluster.pauseNode('node1');
    for (const vm of leaving) {
      await cluster.migrateVm(live(vm, 'node2'));
      await watchToEnd(cluster, live(vm, 'node2'));
    }
    cluster.resetStats();
    await cluster.resumeNode('node1', { failback: 'immediate' });
    await refusal(cluster.migrateVm(live('dc01', 'node3')), 'busy');
    await Promise.all(leaving.map((vm) => watchToEnd(cluster, live(vm, 'node1'))));
    expect((await cluster.listVms({ node: 'node1' })).map((v) => v.name)).toEqual(expect.arrayContaining(leaving));
    expect(cluster.stats().maxConcurrentMigrations.node1).toBe(2);
  });
});

describe('SimulatedCluster: pause and failback', () => {
  test('failback brings back only the VMs that left during the latest pause', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
    await cluster.pauseNode('node1');
    await cluster.migrateVm(live('web01', 'node2'));
    await watchToEnd(cluster, live('web01', 'node2'));
    await cluster.resumeNode('node1');
    await cluster.pauseNode('node1');
    await cluster.migrateVm(live('dc01', 'node3'));
    await watchToEnd(cluster, live('dc01', 'node3'));
    await cluster.resumeNode('node1', { failback: 'immediate' });
    expect(cluster.migrations().map((m) => [m.vm, m.target])).toEqual([['dc01', 'node1']]);
  });
});

describe('SimulatedCluster: determinism', () => {
  async function transcript(): Promise<string> {
    const clock = createVirtualClock({ start: Date.UTC(2026, 0, 1) });
    const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
    cluster.injectFailure({ kind: 'network-drop', vm: 'app02', atPercent: 30 });
    const moves = [live('vm42', 'node2'), live('SQL Server 01', 'node3'), live('app02', 'node1'), { vm: 'exchange01', node: 'node1', type: 'quick' as const }];
    for (const m of moves) await cluster.migrateVm(m);
    const results = await Promise.all(moves.map((m) => watchToEnd(cluster, m, 300).catch((e: Error) => e.message)));
    return JSON.stringify({ results, now: clock.now(), stats: cluster.stats(), vms: await cluster.listVms() });
  }

  test('the same script on a fresh virtual clock gives the same progress, outcomes and end state', async () => {
    const [a, b] = [await transcript(), await transcript()];
    expect(a).toContain('the network between node2 and node1 dropped');
    expect(b).toBe(a);
  });
});

describe('SimulatedCluster: demo inventory', () => {
  test('three nodes, at least twelve VMs of 2 to 16 GiB, vm42 on node1, a name with spaces, two volumes', async () => {
    const { cluster } = manual();
    expect((await cluster.listNodes()).map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
    const vms = await cluster.listVms();
    expect(vms.length).toBeGreaterThanOrEqual(12);
    for (const vm of vms) expect(vm.memoryMB / GiB).toBeGreaterThanOrEqual(2);
    for (const vm of vms) expect(vm.memoryMB / GiB).toBeLessThanOrEqual(16);
    expect(new Set(vms.map((v) => v.ownerNode)).size).toBe(3);
    expect(await cluster.getVm('vm42')).toMatchObject({ ownerNode: 'node1', memoryMB: 8 * GiB });
    expect(await cluster.getVm('SQL Server 01')).toBeDefined();
    expect((await cluster.listVolumes()).map((v) => v.name)).toEqual(['Volume1', 'Volume2']);
    expect(cluster.name).toBe('demo');
  });
});
