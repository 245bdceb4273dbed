/**
 * @module cluster-contract-admin: the rest of the contract every Cluster implementation shows:
 * volumes and their moves, validation, VM power and checkpoints, the nodes' migration settings,
 * possible owners, events, and the Windows errors people hit, each recognised with its
 * explanation. Runs inside describeClusterContract on `contractInventory`.
 */
import type { Cluster } from '../../src/cluster/cluster.js';
import type { KnownWindowsError } from '../../src/cluster/windows-errors.js';
import type { FailureKind } from '../../src/cluster/simulator/failure-injection.js';
import type { ContractSetup } from './contract.js';
import { contractCase, refusal, useSetupPollMs, watchToEnd } from './contract.js';

const GiB = 1024;
const HOUR = 3_600_000;

export function describeAdminContract(label: string, setup: () => Promise<ContractSetup>): void {
  describe(`Cluster contract, the admin's day: ${label}`, () => {
    let cluster: Cluster;
    let inject: ContractSetup['inject'];
    let teardown: (() => Promise<void>) | undefined;
    beforeEach(async () => ({ cluster, inject, teardown } = useSetupPollMs(await setup())));
    afterEach(async () => teardown?.());

    const volume = async (name: string) => (await cluster.listVolumes()).find((v) => v.name === name);
    const freeOn = async (node: string) => (await cluster.listNodes()).find((n) => n.name === node)?.memoryFreeMB;

    describe('Cluster Shared Volumes', () => {
      contractCase('each volume says which nodes reach it redirected, and why', async () => {
        expect((await volume('Volume1'))?.redirected).toEqual([{ node: 'node2', access: 'FileSystemRedirected', reason: 'UserRequest' }]);
        expect((await volume('Volume2'))?.redirected).toEqual([]);
      });

      contractCase('a volume moves to another node, whatever the case of the names', async () => {
        const moved = await cluster.moveVolume('volume2', 'NODE1');
        expect(moved).toMatchObject({ volume: 'Volume2', source: 'node2', target: 'node1' });
        expect(moved.durationMs).toBeGreaterThan(0);
        expect(await volume('Volume2')).toMatchObject({ ownerNode: 'node1', state: 'Online' });
      });

      contractCase('refusals: unknown volume or node, a target that is down or paused, the owner itself', async () => {
        await refusal(cluster.moveVolume('Volume9', 'node2'), 'volume-not-found');
        await refusal(cluster.moveVolume('Volume1', 'node9'), 'node-not-found');
        expect((await refusal(cluster.moveVolume('Volume1', 'node3'), 'node-not-up')).message).toBe('node3 is down, so it cannot take Volume1');
        await refusal(cluster.moveVolume('Volume1', 'node1'), 'already-there');
        await cluster.pauseNode('node2');
        expect((await refusal(cluster.moveVolume('Volume1', 'node2'), 'node-not-up')).message).toBe('node2 is paused, so it cannot take Volume1');
        expect((await volume('Volume1'))?.ownerNode).toBe('node1');
      });
    });

    describe('validation', () => {
      contractCase('without Storage: five categories, the failing test in the cluster\'s words, the report, and the checks the wizard misses', async () => {
        const report = await cluster.validate();
        expect(report.includedStorage).toBe(false);
        expect(report.categories.map((c) => c.category)).toEqual(['Inventory', 'Network', 'System Configuration', 'Hyper-V Configuration', 'Cluster Configuration']);
        expect(report.categories.find((c) => c.category === 'Network')).toMatchObject({ failed: 1, warnings: 0 });
        expect(report.problems).toEqual([expect.objectContaining({ category: 'Network', test: 'Validate Network Communication', outcome: 'failed' })]);
        expect(report.problems[0]?.message).toContain('node3');
        expect(report.result).toMatch(/^HadUnselectedTests, /);
        // The node's own path: backslashes on Windows, slashes where the simulator's pwsh runs.
        expect(report.reportPath).toMatch(/[\\/]Validation Report \d{4}\.\d\d\.\d\d At \d\d\.\d\d\.\d\d\.htm$/);
        expect(report.durationMs).toBeGreaterThan(0);
        expect(report.checks.filter((c) => c.check === 'netbios-name').map((c) => [c.subject, c.ok])).toEqual([['node1', true], ['node2', true], ['node3', true]]);
        const untested = report.checks.filter((c) => c.check === 'persistent-reservation');
        expect(untested.map((c) => [c.subject, c.ok])).toEqual([['Volume1', undefined], ['Volume2', undefined]]);
        expect(untested[0]?.message).toContain('not tested');
      });

      contractCase('with Storage: the persistent-reservation test names the volume whose target lacks them', async () => {
        const report = await cluster.validate({ includeStorage: true });
        expect(report.includedStorage).toBe(true);
        expect(report.categories.map((c) => c.category)).toContain('Storage');
        expect(report.problems).toContainEqual(expect.objectContaining({ category: 'Storage', test: 'Validate SCSI-3 Persistent Reservation', outcome: 'failed' }));
        const pr = report.checks.filter((c) => c.check === 'persistent-reservation');
        expect(pr.map((c) => [c.subject, c.ok])).toEqual([['Volume1', true], ['Volume2', false]]);
        expect((await cluster.listVolumes()).map((v) => v.state)).toEqual(['Online', 'Online']);
      });
    });

    describe('VM power', () => {
      contractCase('shut down, start, save, start again, restart, turn off: each ends in its state, and memory follows', async () => {
        const free1 = await freeOn('node1');
        expect(await cluster.stopVm('web01')).toMatchObject({ name: 'web01', state: 'Off' });
        expect(await freeOn('node1')).toBe(free1! + 4 * GiB);
        expect(await cluster.startVm('WEB01')).toMatchObject({ state: 'Running', ownerNode: 'node1' });
        expect(await cluster.saveVm('web01')).toMatchObject({ state: 'Saved' });
        expect(await cluster.startVm('web01')).toMatchObject({ state: 'Running' });
        expect(await cluster.restartVm('web01')).toMatchObject({ state: 'Running' });
        expect(await cluster.stopVm('web01', { force: true })).toMatchObject({ state: 'Off' });
        expect((await cluster.getVm('web01'))?.state).toBe('Off');
      });

      contractCase('a saved VM can be turned off, which drops its saved state', async () => {
        await cluster.saveVm('app01');
        expect(await cluster.stopVm('app01', { force: true })).toMatchObject({ state: 'Off' });
      });

      contractCase('refusals: a state that does not allow it, an unknown VM, a VM that is migrating', async () => {
        expect((await refusal(cluster.startVm('web01'), 'wrong-state')).message).toBe('web01 is already running');
        expect((await refusal(cluster.stopVm('arch01'), 'wrong-state')).message).toBe('arch01 is already off');
        expect((await refusal(cluster.saveVm('arch01'), 'wrong-state')).message).toBe('arch01 is Off; only a VM that is Running or Paused can be saved');
        await refusal(cluster.restartVm('vm24'), 'vm-not-found');
        await cluster.migrateVm({ vm: 'app01', node: 'node2', type: 'live' });
        await refusal(cluster.stopVm('app01'), 'busy');
        await watchToEnd(cluster, { vm: 'app01', node: 'node2', type: 'live' });
      });

      contractCase('starting a VM on a node without the memory fails as Windows does (0x8007000E), with the explanation', async () => {
        await cluster.migrateVm({ vm: 'SQL Server 01', node: 'node2', type: 'live' });
        await watchToEnd(cluster, { vm: 'SQL Server 01', node: 'node2', type: 'live' });
        const error = await refusal(cluster.startVm('arch01'), 'not-enough-memory');
        expect(error.message).toContain('0x8007000E');
        expect(error.explanation?.name).toBe('out-of-memory');
        expect((await cluster.getVm('arch01'))?.state).toBe('Off');
      });
    });

    describe('checkpoints', () => {
      contractCase('named and Hyper-V-named checkpoints, each on top of the last, listed oldest first', async () => {
        expect(await cluster.listCheckpoints('web01')).toEqual([]);
        const first = await cluster.checkpointVm('web01', 'before patching');
        expect(first).toMatchObject({ vm: 'web01', name: 'before patching' });
        expect(first.parent).toBeUndefined();
        const second = await cluster.checkpointVm('WEB01');
        expect(second.name).toMatch(/^web01 - \(\d\d\/\d\d\/\d{4} - \d\d:\d\d:\d\d\)$/);
        expect(second.parent).toBe('before patching');
        const list = await cluster.listCheckpoints('web01');
        expect(list.map((c) => c.name)).toEqual(['before patching', second.name]);
        expect(list[0]?.createdAt).toBe(first.createdAt);
        await refusal(cluster.checkpointVm('vm24'), 'vm-not-found');
      });
    });

    describe('migration settings and possible owners', () => {
      contractCase('each node\'s limit, the host\'s own, and the performance option', async () => {
        const [node1, node2] = await cluster.listNodes();
        expect(node1).toMatchObject({ liveMigrationLimit: 2, hostMigrationLimit: 2, migrationPerformance: 'Compression' });
        expect(node2).toMatchObject({ liveMigrationLimit: 4, hostMigrationLimit: 4, migrationPerformance: 'SMB' });
        expect(node1?.clusterMigrationLimit).toBeUndefined();
      });

      contractCase('a VM lists its possible owners; moving it elsewhere is refused and it stays', async () => {
        const vms = await cluster.listVms();
        expect(vms.find((v) => v.name === 'pinned01')?.possibleOwners).toEqual(['node2', 'node3']);
        expect(vms.find((v) => v.name === 'web01')?.possibleOwners).toBeUndefined();
        expect((await cluster.getVm('pinned01'))?.possibleOwners).toEqual(['node2', 'node3']);
        const error = await refusal(cluster.migrateVm({ vm: 'pinned01', node: 'node1', type: 'live' }), 'not-possible-owner');
        expect(error.message).toContain('node1 is not a possible owner of pinned01');
        expect((await cluster.getVm('pinned01'))?.ownerNode).toBe('node2');
      });
    });

    describe('the Windows errors people hit, recognised with their explanation', () => {
      const failing: [FailureKind, KnownWindowsError, string | undefined][] = [
        ['processor-incompatible', 'processor-compatibility', undefined],
        ['not-enough-memory', 'out-of-memory', undefined],
        ['no-system-resources', 'no-system-resources', '0x800705AA'],
        ['no-migration-network', 'no-migration-network', '0x000013AB'],
        ['kerberos-delegation', 'kerberos-delegation', '0x8009030E'],
        ['credssp', 'credssp', '0x8009030D'],
      ];

      for (const [kind, name, code] of failing) contractCase(`${kind}: the migration fails as it starts, explained as ${name}`, async () => {
        inject({ kind, vm: 'app01' });
        await cluster.migrateVm({ vm: 'app01', node: 'node2', type: 'live' });
        const error = await refusal(watchToEnd(cluster, { vm: 'app01', node: 'node2', type: 'live' }), 'migration-failed');
        expect(error.explanation?.name).toBe(name);
        if (code) expect(error.message).toContain(code);
        expect((await cluster.getVm('app01'))?.ownerNode).toBe('node1');
      });

      const refusedAtOnce = [
        ['not-possible-owner', 'not-possible-owner', 'not-possible-owner'],
        ['node-paused', 'node-not-up', 'node-paused'],
        ['group-not-found', 'vm-not-found', 'group-not-found'],
      ] as const;
      for (const [kind, code, name] of refusedAtOnce) contractCase(`${kind}: the cluster refuses the move at once (${code}), explained`, async () => {
        inject({ kind, vm: 'web01' });
        const error = await refusal(cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'live' }), code);
        expect(error.explanation?.name).toBe(name);
        expect(error.explanation?.fix.length).toBeGreaterThan(20);
        expect((await cluster.getVm('web01'))?.ownerNode).toBe('node1');
      });

      contractCase('a paused node (5070) stays paused after the refusal', async () => {
        inject({ kind: 'node-paused', vm: 'web01' });
        await refusal(cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'live' }), 'node-not-up');
        expect((await cluster.listNodes()).find((n) => n.name === 'node2')?.state).toBe('Paused');
      });
    });

    describe('events', () => {
      contractCase('a quiet cluster has none', async () => {
        expect(await cluster.recentEvents({ sinceMs: HOUR })).toEqual([]);
      });

      contractCase('a failed live migration is logged on its source (21502 with the reason, then 21111), about that VM only', async () => {
        inject({ kind: 'kerberos-delegation', vm: 'app01' });
        await cluster.migrateVm({ vm: 'app01', node: 'node2', type: 'live' });
        await refusal(watchToEnd(cluster, { vm: 'app01', node: 'node2', type: 'live' }), 'migration-failed');
        const about = await cluster.recentEvents({ about: 'app01', sinceMs: HOUR });
        expect(about.map((e) => e.id).sort()).toEqual([21111, 21502]);
        for (const e of about) expect(e).toMatchObject({ node: 'node1', level: 'Error', log: 'Microsoft-Windows-Hyper-V-High-Availability-Admin' });
        expect(about.find((e) => e.id === 21502)?.message).toContain('0x8009030E');
        expect(about[0]!.at).toBeGreaterThanOrEqual(about[1]!.at);
        expect(await cluster.recentEvents({ about: 'web01', sinceMs: HOUR })).toEqual([]);
      });
    });
  });
}
