import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import type { MigrationRequest } from '../../src/cluster/cluster.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { refusal, watchToEnd } from './contract.js';

const live = (vm: string, node: string): MigrationRequest => ({ vm, node, type: 'live' });

function setup() {
  const clock = createVirtualClock();
  const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
  const node = async (name: string) => (await cluster.listNodes()).find((n) => n.name === name)!;
  return { clock, cluster, node };
}

describe('SimulatedCluster: injected failures', () => {
  test('the target goes down mid-copy: the migration fails in plain words, the VM runs on the source', async () => {
    const { cluster, node } = setup();
    cluster.injectFailure({ kind: 'node-down', atPercent: 48 });
    await cluster.migrateVm(live('vm42', 'node2'));
    const error = await refusal(watchToEnd(cluster, live('vm42', 'node2')), 'migration-failed');
    expect(error.message).toBe('node2 went down during the memory copy (pass 1, 48%); vm42 is still running on node1');
    expect(error.details).toMatchObject({ reason: 'node-down', node: 'node2', phase: 'memory-copy', percent: 48 });
    expect(await cluster.getVm('vm42')).toMatchObject({ ownerNode: 'node1', state: 'Running' });
    expect((await node('node2')).state).toBe('Down');
    expect(cluster.stats()).toMatchObject({ failed: 1, succeeded: 0 });
  });

  test('a node going down fails every migration it takes part in, and names the pass', async () => {
    const { cluster } = setup();
    cluster.injectFailure({ kind: 'node-down', vm: 'SQL Server 01', atPercent: 95 });
    await cluster.migrateVm(live('SQL Server 01', 'node3'));
    await cluster.migrateVm(live('SQL Server 02', 'node3'));
    await cluster.migrateVm(live('web02', 'node3'));
    const [sql1, sql2, web] = await Promise.all([
      refusal(watchToEnd(cluster, live('SQL Server 01', 'node3')), 'migration-failed'),
      refusal(watchToEnd(cluster, live('SQL Server 02', 'node3')), 'migration-failed'),
      watchToEnd(cluster, live('web02', 'node3')),
    ]);
    expect(sql1.message).toBe('node3 went down during the memory copy (pass 2, 95%); SQL Server 01 is still running on node1');
    expect(sql2.message).toMatch(/^node3 went down during the memory copy \(pass \d, \d+%\); SQL Server 02 is still running on node2$/);
    expect(web.outcome.target).toBe('node3');
    await refusal(cluster.migrateVm(live('vm42', 'node3')), 'node-not-up');
  });

  test('a network drop fails the migration; both nodes stay up and the target memory is released', async () => {
    const { cluster, node } = setup();
    const before = (await node('node2')).memoryFreeMB;
    cluster.injectFailure({ kind: 'network-drop', node: 'node2', atPercent: 30 });
    await cluster.migrateVm(live('vm42', 'node2'));
    const error = await refusal(watchToEnd(cluster, live('vm42', 'node2')), 'migration-failed');
    expect(error.message).toBe('the network between node1 and node2 dropped during the memory copy (pass 1, 30%); vm42 is still running on node1');
    expect([(await node('node1')).state, (await node('node2')).state]).toEqual(['Up', 'Up']);
    expect((await node('node2')).memoryFreeMB).toBe(before);
  });

  test('a target short of memory fails the migration at its start', async () => {
    const { cluster } = setup();
    cluster.injectFailure({ kind: 'not-enough-memory', node: 'node3' });
    await cluster.migrateVm(live('vm42', 'node3'));
    const error = await refusal(watchToEnd(cluster, live('vm42', 'node3')), 'migration-failed');
    expect(error.message).toBe('node3 did not have enough memory to start vm42 (needs 8 GiB); vm42 is still running on node1');
    expect(error.details).toMatchObject({ reason: 'not-enough-memory', phase: 'starting', percent: 0 });
  });

  test('a failure armed for one VM leaves other migrations alone and strikes that VM\'s next one', async () => {
    const { cluster } = setup();
    cluster.injectFailure({ kind: 'network-drop', vm: 'APP01' });
    await cluster.migrateVm(live('vm42', 'node2'));
    expect((await watchToEnd(cluster, live('vm42', 'node2'))).outcome.target).toBe('node2');
    await cluster.migrateVm(live('app01', 'node2'));
    await refusal(watchToEnd(cluster, live('app01', 'node2')), 'migration-failed');
    await cluster.migrateVm(live('app01', 'node2'));
    expect((await watchToEnd(cluster, live('app01', 'node2'))).outcome.target).toBe('node2');
  });

  test('setNodeState Down on the target mid-migration fails it at that moment', async () => {
    const { clock, cluster } = setup();
    await cluster.migrateVm(live('vm42', 'node2'));
    await clock.sleep(1000);
    cluster.setNodeState('node2', 'Down');
    const error = await refusal(watchToEnd(cluster, live('vm42', 'node2')), 'migration-failed');
    expect(error.message).toMatch(/^node2 went down during the memory copy \(pass 1, \d+%\); vm42 is still running on node1$/);
    cluster.setNodeState('node2', 'Up');
    await cluster.migrateVm(live('vm42', 'node2'));
    expect((await watchToEnd(cluster, live('vm42', 'node2'))).outcome.target).toBe('node2');
  });

  test('a failed migration is answered from history to a watch that starts afterwards', async () => {
    const { clock, cluster } = setup();
    cluster.injectFailure({ kind: 'network-drop' });
    await cluster.migrateVm(live('vm42', 'node2'));
    await clock.sleep(60_000);
    const error = await refusal(cluster.watchMigration(live('vm42', 'node2')).next(), 'migration-failed');
    expect(error.message).toContain('vm42 is still running on node1');
    expect(cluster.history('vm42').map((r) => r.result.kind)).toEqual(['failed']);
  });
});
