/**
 * RemoteCluster reading what the new scripts print on a Windows PowerShell 5.1 node: one item,
 * none, many; a lone object where an array belongs, enums as numbers, \/Date(ms)\/ dates, numbers
 * as strings, keys an older script did not print. And the arguments each operation passes.
 */
import { errorRecord, recordedCluster } from './recorded-cluster.js';
import { refusal } from '../contract.js';

const start = Date.UTC(2026, 10, 25, 9, 0, 0);

describe('list-volumes: redirected access', () => {
  const row = (access: string) =>
    `{"name":"Cluster Disk 1","ownerNode":"HV01","state":"Online","path":"C:\\\\ClusterStorage\\\\Volume1","sizeGB":1024,"freeGB":812.4,"access":${access}}`;

  test('Direct rows say nothing; file-system and block redirection give the node and the reason for that kind', async () => {
    const access = '[{"node":"HV01","stateInfo":"Direct","fileSystemReason":"NotFileSystemRedirected","blockReason":"NotBlockRedirected"},' +
      '{"node":"HV02","stateInfo":"FileSystemRedirected","fileSystemReason":"UserRequest","blockReason":"NotBlockRedirected"},' +
      '{"node":"HV03","stateInfo":"BlockRedirected","fileSystemReason":"NotFileSystemRedirected","blockReason":"NoDiskConnectivity"}]';
    const [volume] = await recordedCluster({ 'list-volumes': `[${row(access)}]` }).cluster.listVolumes();
    expect(volume?.redirected).toEqual([
      { node: 'HV02', access: 'FileSystemRedirected', reason: 'UserRequest' },
      { node: 'HV03', access: 'BlockRedirected', reason: 'NoDiskConnectivity' },
    ]);
  });

  test('one access row as a lone object; none as an empty array; no volumes at all; an older script without the key', async () => {
    const lone = row('{"node":"HV02","stateInfo":"FileSystemRedirected","fileSystemReason":"FileSystemReFs","blockReason":null}');
    expect((await recordedCluster({ 'list-volumes': lone }).cluster.listVolumes())[0]?.redirected)
      .toEqual([{ node: 'HV02', access: 'FileSystemRedirected', reason: 'FileSystemReFs' }]);
    expect((await recordedCluster({ 'list-volumes': `[${row('[]')}]` }).cluster.listVolumes())[0]?.redirected).toEqual([]);
    expect(await recordedCluster({ 'list-volumes': '' }).cluster.listVolumes()).toEqual([]);
    const older = '[{"name":"V","ownerNode":"HV01","state":2,"path":null,"sizeGB":null,"freeGB":null}]';
    expect((await recordedCluster({ 'list-volumes': older }).cluster.listVolumes())[0]).toMatchObject({ state: 'Online', redirected: [] });
  });
});

describe('list-nodes and get-node-host: live-migration settings', () => {
  const member = (name: string, cluster: string) => `{"name":"${name}","id":"1","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":${cluster}}`;
  const host = (perf: string) => `{"memoryTotalMB":1,"memoryFreeMB":1,"hostMigrationLimit":"4","migrationPerformance":${perf}}`;

  test('the performance option as a name or as its number; the cluster\'s limit when the cluster has one', async () => {
    const read = async (perf: string, cluster: string) =>
      (await recordedCluster({ 'list-nodes': `[${member('HV01', cluster)}]`, 'get-node-host': host(perf) }).cluster.listNodes())[0];
    const nodes = [await read('"SMB"', '1'), await read('0', '"1"'), await read('1', 'null')];
    expect(nodes.map((n) => [n?.migrationPerformance, n?.hostMigrationLimit, n?.clusterMigrationLimit, n?.liveMigrationLimit]))
      .toEqual([['SMB', 4, 1, 1], ['TCPIP', 4, 1, 1], ['Compression', 4, undefined, 4]]);
  });

  test('a node that cannot be read as a host keeps its cluster facts, no memory and Hyper-V\'s default limit', async () => {
    const { cluster } = recordedCluster({ 'list-nodes': member('HV01', 'null'), 'get-node-host': [errorRecord('Access is denied.', 'HRESULT 0x80070005')] });
    expect(await cluster.listNodes()).toEqual([{ name: 'HV01', state: 'Up', drainStatus: 'NotInitiated', memoryTotalMB: 0, memoryFreeMB: 0, liveMigrationLimit: 2 }]);
  });
});

describe('list-vms: possible owners', () => {
  const vm = (name: string, clustered: boolean, owners: string) =>
    `{"name":"${name}","id":"6f1d9a3e-0000-4000-8000-00000000000${name.length}","ownerNode":"HV01","state":2,"memoryMB":8192,"clustered":${clustered}${owners}}`;

  test('a list, a lone name, an empty list (every node), an older script, an unclustered VM', async () => {
    const stdout = `[${vm('a', true, ',"possibleOwners":["HV01","HV03"]')},${vm('bb', true, ',"possibleOwners":"HV02"')},` +
      `${vm('ccc', true, ',"possibleOwners":[]')},${vm('dddd', true, '')},${vm('eeeee', false, ',"possibleOwners":["HV01"]')}]`;
    const vms = await recordedCluster({ 'list-vms': stdout }).cluster.listVms();
    expect(vms.map((v) => v.possibleOwners)).toEqual([['HV01', 'HV03'], ['HV02'], undefined, undefined, undefined]);
  });
});

describe('move-volume', () => {
  test('the move as printed, numbers as strings too; the names go as arguments', async () => {
    const { cluster, calls } = recordedCluster({ 'list-volumes': '[]', 'move-volume': '{"volume":"Cluster Disk 3","source":"HV01","target":"HV02","durationMs":"2150"}' });
    expect(await cluster.moveVolume('cluster disk 3', 'hv02')).toEqual({ volume: 'Cluster Disk 3', source: 'HV01', target: 'HV02', durationMs: 2150 });
    // The volumes are listed first, to find the coordinator the move runs on.
    expect(calls).toEqual([{ script: 'list-volumes', args: {} }, { script: 'move-volume', args: { Volume: 'cluster disk 3', Node: 'hv02' } }]);
  });

  test('a volume name PowerShell cannot take as a literal names no volume', async () => {
    const { cluster, calls } = recordedCluster({});
    await refusal(cluster.moveVolume('Volume\u00001', 'HV02'), 'volume-not-found');
    expect(calls).toEqual([]);
  });
});

describe('validate-cluster', () => {
  const report = (extra: string) =>
    `{"result":"HadUnselectedTests, ClusterConditionallyApproved","includedStorage":false,"categories":${extra},` +
    '"problems":{"category":"Network","test":"Validate Network Communication","outcome":"Warning","message":"The test reported some warnings.."},' +
    '"reportPath":"C:\\\\Windows\\\\Cluster\\\\Reports\\\\Validation Report 2026.11.25 At 09.00.00.htm","durationMs":612000,' +
    '"checks":[{"check":"netbios-name","subject":"HYPERV-NODE-0001","ok":false,"message":"too long"},{"check":"persistent-reservation","subject":"Cluster Disk 1","ok":null,"message":"not tested"}]}';

  test('a lone category and a lone problem become lists; ok null is "not checked"; outcome in any case', async () => {
    const { cluster, calls } = recordedCluster({ 'validate-cluster': report('{"category":"Network","passed":"4","warnings":1,"failed":0}') });
    const result = await cluster.validate();
    expect(result).toEqual({
      result: 'HadUnselectedTests, ClusterConditionallyApproved', includedStorage: false,
      categories: [{ category: 'Network', passed: 4, warnings: 1, failed: 0 }],
      problems: [{ category: 'Network', test: 'Validate Network Communication', outcome: 'warning', message: 'The test reported some warnings..' }],
      reportPath: 'C:\\Windows\\Cluster\\Reports\\Validation Report 2026.11.25 At 09.00.00.htm', durationMs: 612000,
      checks: [
        { check: 'netbios-name', subject: 'HYPERV-NODE-0001', ok: false, message: 'too long' },
        { check: 'persistent-reservation', subject: 'Cluster Disk 1', ok: undefined, message: 'not tested' },
      ],
    });
    expect(calls[0]?.args).toEqual({ IncludeStorage: false });
  });

  test('no result line and no report path; Storage asked for with the switch', async () => {
    const stdout = '{"result":null,"includedStorage":"True","categories":[],"problems":[],"reportPath":null,"durationMs":1,"checks":[]}';
    const { cluster, calls } = recordedCluster({ 'validate-cluster': stdout });
    const result = await cluster.validate({ includeStorage: true });
    expect(result.result).toBeUndefined();
    expect(result.reportPath).toBeUndefined();
    expect(result.includedStorage).toBe(true);
    expect(calls[0]?.args).toEqual({ IncludeStorage: true });
  });

  test('a check of a kind nobody knows is an unexpected shape, named', async () => {
    const stdout = '{"result":null,"includedStorage":false,"categories":[],"problems":[],"durationMs":1,"checks":[{"check":"dns","subject":"x","ok":true,"message":"m"}]}';
    const error = await refusal(recordedCluster({ 'validate-cluster': stdout }).cluster.validate(), 'operation-failed');
    expect(error.message).toMatch(/the validate-cluster script printed an unexpected shape: \.checks\[0\]\.check/);
  });
});

describe('set-vm-power', () => {
  test.each([
    ['startVm', 'Start'], ['stopVm', 'Shutdown'], ['saveVm', 'Save'], ['restartVm', 'Restart'],
  ] as const)('%s runs the script with -Action %s and reads the VM afterwards, on the node that holds it (named as the cluster names it)', async (method, action) => {
    const { cluster, calls } = recordedCluster({ 'set-vm-power': '{"name":"vm42","id":"x","ownerNode":"NODE1","state":3,"memoryMB":8192,"clustered":true,"possibleOwners":[]}' });
    expect(await cluster[method]('vm42')).toEqual({ name: 'vm42', id: 'x', ownerNode: 'node1', state: 'Off', memoryMB: 8192, clustered: true });
    expect(calls).toEqual([{ script: 'set-vm-power', args: { Vm: 'vm42', Action: action } }]);
  });

  test('stop with force turns the VM off', async () => {
    const { cluster, calls } = recordedCluster({ 'set-vm-power': '{"name":"vm42","id":"x","ownerNode":"HV01","state":"Off","memoryMB":8192,"clustered":false,"possibleOwners":[]}' });
    await cluster.stopVm('vm42', { force: true });
    expect(calls[0]?.args).toEqual({ Vm: 'vm42', Action: 'TurnOff' });
  });
});

describe('checkpoints', () => {
  const cp = (name: string, created: string, parent: string) => `{"vm":"vm42","name":"${name}","id":"id-${name}","createdAt":"${created}","parent":${parent}}`;

  test('a new checkpoint with its date as \\/Date(ms)\\/; the name goes only when given', async () => {
    const { cluster, calls } = recordedCluster({ 'checkpoint-vm': cp('before', `\\/Date(${start})\\/`, 'null') });
    expect(await cluster.checkpointVm('vm42', 'before')).toEqual({ vm: 'vm42', name: 'before', id: 'id-before', createdAt: start });
    await cluster.checkpointVm('vm42');
    expect(calls.map((c) => c.args)).toEqual([{ Vm: 'vm42', Name: 'before' }, { Vm: 'vm42' }]);
  });

  test('none, one as a lone object, many with ISO dates of seven fractional digits', async () => {
    expect(await recordedCluster({ 'list-checkpoints': '' }).cluster.listCheckpoints('vm42')).toEqual([]);
    const one = await recordedCluster({ 'list-checkpoints': cp('a', '2026-11-25T09:00:00.0000000Z', 'null') }).cluster.listCheckpoints('vm42');
    expect(one).toEqual([{ vm: 'vm42', name: 'a', id: 'id-a', createdAt: start }]);
    const many = await recordedCluster({ 'list-checkpoints': `[${cp('a', '2026-11-25T09:00:00.0000000Z', 'null')},${cp('b', '2026-11-25T10:00:00.5000000Z', '"a"')}]` }).cluster.listCheckpoints('vm42');
    expect(many.map((c) => [c.name, c.createdAt - start, c.parent])).toEqual([['a', 0, undefined], ['b', 3_600_500, 'a']]);
  });
});

describe('list-events', () => {
  const event = (id: number, level: string | number, at: string) =>
    `{"at":"${at}","id":${id},"level":${JSON.stringify(level)},"node":"HV01","log":"System","message":"event ${id}"}`;

  test('none, one as a lone object with its level as a number, many; minutes and about go as arguments; each event names the node it was read on as the cluster names it', async () => {
    expect(await recordedCluster({ 'list-events': '[]' }).cluster.recentEvents({ sinceMs: 3_600_000 })).toEqual([]);
    const { cluster, calls } = recordedCluster({ 'list-events': event(1135, 1, `\\/Date(${start})\\/`) });
    expect(await cluster.recentEvents({ sinceMs: 90_000, about: 'HV02' })).toEqual([{ at: start, id: 1135, level: 'Critical', node: 'node1', log: 'System', message: 'event 1135' }]);
    expect(calls[0]?.args).toEqual({ SinceMinutes: 2, About: 'HV02' });
    const many = await recordedCluster({ 'list-events': `[${event(5120, 'Error', '2026-11-25T09:00:01Z')},${event(1069, 3, '2026-11-25T09:00:00Z')}]` }).cluster.recentEvents({ sinceMs: 60_000 });
    expect(many.map((e) => [e.id, e.level])).toEqual([[5120, 'Error'], [1069, 'Warning']]);
  });
});
