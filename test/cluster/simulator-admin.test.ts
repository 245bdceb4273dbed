/**
 * What only the simulator shows of the admin's day: time (Pending volumes, Stopping VMs, volumes
 * offline during Storage tests), the cluster's live-migration limit, a node going down (1135,
 * 5120, the volume's new owner), validation results, and a failure kind for every Windows error.
 */
import type { MigrationRequest } from '../../src/cluster/cluster.js';
import { InventoryError } from '../../src/cluster/errors.js';
import { failureKinds, type FailureKind } from '../../src/cluster/simulator/failure-injection.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import { windowsErrors, type KnownWindowsError } from '../../src/cluster/windows-errors.js';
import { refusal, watchToEnd } from './contract.js';

const GiB = 1024;
const HOUR = 3_600_000;

const inventory: ClusterInventory = {
  name: 'lab',
  maximumParallelMigrations: 1,
  nodes: [
    { name: 'hv1', memoryMB: 128 * GiB, reserveMB: 4 * GiB, liveMigrationLimit: 4 },
    { name: 'hv2', memoryMB: 128 * GiB, reserveMB: 4 * GiB, migrationPerformance: 'TCPIP' },
    { name: 'a-very-long-node-name', memoryMB: 128 * GiB, reserveMB: 4 * GiB },
  ],
  vms: [
    { name: 'vm1', node: 'hv1', memoryMB: 8 * GiB },
    { name: 'vm2', node: 'hv1', memoryMB: 8 * GiB },
    { name: 'big', node: 'hv2', memoryMB: 32 * GiB },
  ],
  volumes: [{ name: 'Volume1', node: 'hv1', sizeGB: 100, freeGB: 10 }, { name: 'Volume2', node: 'hv2', sizeGB: 100, freeGB: 10 }],
  validationFindings: [{ category: 'Storage', test: 'Validate Disk Access Latency', outcome: 'warning', message: 'Disk latency is high.' }],
};

function lab(auto = true) {
  const clock = createVirtualClock({ auto, start: Date.UTC(2026, 10, 25, 9, 0, 0) });
  return { clock, cluster: createSimulatedCluster({ inventory, clock }) };
}

const live = (vm: string, node: string): MigrationRequest => ({ vm, node, type: 'live' });

describe('the cluster\'s MaximumParallelMigrations', () => {
  test('overrides every host\'s limit, and failback moves one VM at a time', async () => {
    const { cluster } = lab();
    const nodes = await cluster.listNodes();
    expect(nodes.map((n) => [n.name, n.liveMigrationLimit, n.hostMigrationLimit, n.clusterMigrationLimit, n.migrationPerformance])).toEqual([
      ['hv1', 1, 4, 1, 'Compression'], ['hv2', 1, 2, 1, 'TCPIP'], ['a-very-long-node-name', 1, 2, 1, 'Compression'],
    ]);
    await cluster.pauseNode('hv1');
    for (const vm of ['vm1', 'vm2']) {
      await cluster.migrateVm(live(vm, 'hv2'));
      await watchToEnd(cluster, live(vm, 'hv2'));
    }
    cluster.resetStats();
    await cluster.resumeNode('hv1', { failback: 'immediate' });
    await watchToEnd(cluster, live('vm1', 'hv1'));
    await watchToEnd(cluster, live('vm2', 'hv1'));
    expect(cluster.stats().maxConcurrentMigrations.hv1).toBe(1);
  });
});

describe('time', () => {
  test('a volume shows Pending while its owner moves; a second move is busy; the move takes 2 s', async () => {
    const { cluster, clock } = lab(false);
    const move = cluster.moveVolume('Volume1', 'hv2');
    expect((await cluster.listVolumes())[0]?.state).toBe('Pending');
    await refusal(cluster.moveVolume('Volume1', 'a-very-long-node-name'), 'busy');
    await clock.advance(2000);
    expect(await move).toEqual({ volume: 'Volume1', source: 'hv1', target: 'hv2', durationMs: 2000 });
    expect((await cluster.listVolumes())[0]).toMatchObject({ state: 'Online', ownerNode: 'hv2' });
  });

  test('a target that goes down during the move leaves the volume where it was', async () => {
    const { cluster, clock } = lab(false);
    const refused = refusal(cluster.moveVolume('Volume1', 'hv2'), 'node-not-up');
    await clock.advance(500);
    cluster.setNodeState('hv2', 'Down');
    await clock.advance(2000);
    expect((await refused).message).toBe('hv2 went down while taking Volume1; hv1 still owns it');
    expect((await cluster.listVolumes())[0]?.ownerNode).toBe('hv1');
  });

  test('a VM shows Stopping, Saving and Starting while it changes, and is busy for migrations meanwhile', async () => {
    const { cluster, clock } = lab(false);
    const stop = cluster.stopVm('vm1');
    expect((await cluster.getVm('vm1'))?.state).toBe('Stopping');
    expect((await refusal(cluster.migrateVm(live('vm1', 'hv2')), 'busy')).message).toBe('vm1 is busy (shutdown under way)');
    await clock.advance(8000);
    expect((await stop).state).toBe('Off');
    const save = cluster.saveVm('vm2');
    expect((await cluster.getVm('vm2'))?.state).toBe('Saving');
    await clock.advance(8000);
    expect((await save).state).toBe('Saved');
    const start = cluster.startVm('vm2');
    expect((await cluster.getVm('vm2'))?.state).toBe('Starting');
    await clock.advance(8000);
    expect((await start).state).toBe('Running');
  });

  test('the Storage tests take the volumes offline while they run', async () => {
    const { cluster, clock } = lab(false);
    const run = cluster.validate({ includeStorage: true });
    await clock.advance(44 * 3000 + 1000);
    expect((await cluster.listVolumes()).map((v) => v.state)).toEqual(['Offline', 'Offline']);
    await refusal(cluster.validate(), 'busy');
    await clock.advance(12 * 20_000);
    expect((await run).durationMs).toBe(44 * 3000 + 12 * 20_000);
    expect((await cluster.listVolumes()).map((v) => v.state)).toEqual(['Online', 'Online']);
  });
});

describe('a node going down', () => {
  test('logs 1135 on a node that is up, pauses its volume (5120) and gives it to a node that is up', async () => {
    const { cluster } = lab();
    cluster.setNodeState('hv1', 'Down');
    const events = await cluster.recentEvents({ sinceMs: HOUR });
    expect(events.map((e) => [e.id, e.node, e.level])).toEqual([[5120, 'hv2', 'Error'], [1135, 'hv2', 'Critical']]);
    expect(events[1]?.message).toMatch(/^Cluster node 'hv1' was removed from the active failover cluster membership\./);
    expect((await cluster.listVolumes())[0]?.ownerNode).toBe('hv2');
  });

  test('with no node left up its volume fails, and a failed volume cannot move', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ clock, inventory: { name: 'one', nodes: [{ name: 'solo', memoryMB: 64 * GiB }, { name: 'spare', memoryMB: 64 * GiB, state: 'Down' }], volumes: [{ name: 'V', node: 'solo', sizeGB: 1, freeGB: 1 }] } });
    cluster.setNodeState('solo', 'Down');
    expect((await cluster.listVolumes())[0]?.state).toBe('Failed');
    expect((await refusal(cluster.moveVolume('V', 'spare'), 'wrong-state')).message).toBe('V is Failed; only an online volume can move');
  });

  test('its VMs cannot be started, stopped or checkpointed, and say why', async () => {
    const { cluster } = lab();
    cluster.setNodeState('hv2', 'Down');
    expect((await refusal(cluster.stopVm('big'), 'node-not-up')).message).toBe('big is on hv2, which is down');
    await refusal(cluster.checkpointVm('big'), 'node-not-up');
    await refusal(cluster.listCheckpoints('big'), 'node-not-up');
  });

  test('events older than the window are left out', async () => {
    const { cluster, clock } = lab();
    cluster.setNodeState('hv2', 'Down');
    await clock.advance(2 * HOUR);
    expect(await cluster.recentEvents({ sinceMs: HOUR })).toEqual([]);
    expect(await cluster.recentEvents({ sinceMs: 3 * HOUR })).toHaveLength(2);
  });
});

describe('validation', () => {
  test('the long node name is flagged; a Storage finding shows only when Storage runs', async () => {
    const { cluster } = lab();
    const plain = await cluster.validate();
    expect(plain.problems).toEqual([]);
    expect(plain.result).toBe('HadUnselectedTests, ClusterConditionallyApproved');
    expect(plain.checks.find((c) => c.subject === 'a-very-long-node-name')).toMatchObject({ ok: false });
    expect(plain.checks.find((c) => c.subject === 'a-very-long-node-name')?.message).toContain('Windows knows it as a-very-long-nod there');
    const storage = await cluster.validate({ includeStorage: true });
    expect(storage.problems).toEqual([{ category: 'Storage', test: 'Validate Disk Access Latency', outcome: 'warning', message: 'Disk latency is high.' }]);
    expect(storage.result).toBe('ClusterConditionallyApproved');
    expect(storage.categories.find((c) => c.category === 'Storage')).toEqual({ category: 'Storage', passed: 11, warnings: 1, failed: 0 });
    expect(storage.reportPath).toBe('C:\\Windows\\Cluster\\Reports\\Validation Report 2026.11.25 At 09.02.12.htm');
  });

  test('a clean run with Storage is ClusterApproved', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ clock, inventory: { name: 'clean', nodes: [{ name: 'n1', memoryMB: 64 * GiB }] } });
    expect((await cluster.validate({ includeStorage: true })).result).toBe('ClusterApproved');
  });
});

describe('checkpoints and inventories', () => {
  test('Hyper-V\'s default checkpoint name is the VM and the time', async () => {
    const { cluster } = lab();
    expect((await cluster.checkpointVm('vm1')).name).toBe('vm1 - (11/25/2026 - 09:00:00)');
  });

  test('possible owners and redirections must name nodes of the inventory', () => {
    const clock = createVirtualClock();
    const bad = (extra: Partial<ClusterInventory>) => () => createSimulatedCluster({ clock, inventory: { ...inventory, ...extra } });
    expect(bad({ vms: [{ name: 'x', node: 'hv1', memoryMB: 1024, possibleOwners: ['hv9'] }] })).toThrow(InventoryError);
    try {
      bad({ volumes: [{ name: 'V', node: 'hv1', sizeGB: 1, freeGB: 1, redirected: [{ node: 'hv7', access: 'BlockRedirected', reason: 'NoDiskConnectivity' }] }] })();
    } catch (error) {
      expect((error as InventoryError).field).toBe('volumes[0].redirected[0].node');
    }
    expect.assertions(2);
  });
});

describe('failure kinds', () => {
  test('every Windows error in the table can be produced by some kind, with the same HRESULT', () => {
    for (const name of Object.keys(windowsErrors) as KnownWindowsError[]) {
      const kinds = (Object.keys(failureKinds) as FailureKind[]).filter((k) => failureKinds[k].windows === name);
      expect([name, kinds.length]).toEqual([name, 1]);
      const entry = windowsErrors[name];
      if (entry.hresult !== undefined) expect(failureKinds[kinds[0]!].hresult).toBe(entry.hresult);
      else expect(failureKinds[kinds[0]!].eventId).toBe(entry.eventId);
    }
  });

  test('an armed refusal strikes only the move it names, once', async () => {
    const { cluster } = lab();
    cluster.injectFailure({ kind: 'not-possible-owner', vm: 'vm2' });
    await cluster.migrateVm(live('vm1', 'hv2'));
    await refusal(cluster.migrateVm(live('vm2', 'hv2')), 'not-possible-owner');
    await watchToEnd(cluster, live('vm1', 'hv2'));
    await cluster.migrateVm(live('vm2', 'hv2'));
    expect((await watchToEnd(cluster, live('vm2', 'hv2'))).outcome.target).toBe('hv2');
  });
});
