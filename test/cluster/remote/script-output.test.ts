/**
 * RemoteCluster reading what the scripts print on a real Windows PowerShell 5.1 node, including
 * what 5.1's ConvertTo-Json does when a projection slips: a lone object instead of an array,
 * nothing at all, enums as numbers, dates as \/Date(ms)\/. The fake is at the network edge: a
 * CommandRunner that answers each recognised script with recorded-shape stdout.
 */
import type { ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { identifyClusterScript } from '../../../src/cluster/scripts/index.js';
import { createRemoteCluster, parsePsDate } from '../../../src/cluster/remote/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createPowerShellRunner, decodePowerShellCommand, parseScriptInvocation } from '../../../src/remoting/powershell/index.js';
import { refusal } from '../contract.js';
import { oneNodeAnswers } from './one-node-answers.js';

type Answers = Partial<Record<ClusterScriptName, string>>;

function clusterAnswering(answers: Answers) {
  const runner: CommandRunner = {
    async run(executable, args, options) {
      const { body } = parseScriptInvocation(decodePowerShellCommand(executable, args, options?.stdin).script);
      const script = identifyClusterScript(body);
      const stdout = script === undefined ? undefined : answers[script] ?? oneNodeAnswers[script];
      if (stdout === undefined) throw new Error(`no recorded answer for ${script ?? 'an unknown script'}`);
      return { stdout: Buffer.from(stdout, 'utf8'), stderr: Buffer.alloc(0), exitCode: 0 };
    },
    async close() {},
  };
  const clock = createVirtualClock();
  return createRemoteCluster({ name: 'recorded', powershell: createPowerShellRunner(runner), clock });
}

const host = '{"memoryTotalMB":262144,"memoryFreeMB":"100000","hostMigrationLimit":2,"migrationPerformance":null}';

describe('list-nodes output, with what each node that is up says of itself (get-node-host)', () => {
  test('many nodes, as the script prints them', async () => {
    const stdout = '[{"name":"HV01","id":"1","state":"Up","drainStatus":"NotInitiated","clusterMigrationLimit":null},' +
      '{"name":"HV02","id":"2","state":"Paused","drainStatus":"Completed","clusterMigrationLimit":null},' +
      '{"name":"HV03","id":"3","state":"Down","drainStatus":"NotInitiated","clusterMigrationLimit":null}]\r\n';
    const nodes = await clusterAnswering({ 'list-nodes': stdout, 'get-node-host': host }).listNodes();
    expect(nodes).toEqual([
      { name: 'HV01', state: 'Up', drainStatus: 'NotInitiated', memoryTotalMB: 262144, memoryFreeMB: 100000, liveMigrationLimit: 2, hostMigrationLimit: 2 },
      { name: 'HV02', state: 'Paused', drainStatus: 'Completed', memoryTotalMB: 262144, memoryFreeMB: 100000, liveMigrationLimit: 2, hostMigrationLimit: 2 },
      // A node that is down is not asked: no memory to offer, Hyper-V's default limit.
      { name: 'HV03', state: 'Down', drainStatus: 'NotInitiated', memoryTotalMB: 0, memoryFreeMB: 0, liveMigrationLimit: 2 },
    ]);
  });

  test('a single node printed as a lone object, with its enums as numbers', async () => {
    const stdout = '{"name":"HV01","id":1,"state":2,"drainStatus":1,"clusterMigrationLimit":"3"}';
    expect(await clusterAnswering({ 'list-nodes': stdout, 'get-node-host': host }).listNodes()).toEqual([
      { name: 'HV01', state: 'Paused', drainStatus: 'InProgress', memoryTotalMB: 262144, memoryFreeMB: 100000, liveMigrationLimit: 3, hostMigrationLimit: 2, clusterMigrationLimit: 3 },
    ]);
  });

  test('unknown enum numbers read as Unknown rather than failing', async () => {
    const stdout = '[{"name":"HV01","id":"1","state":7,"drainStatus":"Weird","clusterMigrationLimit":null}]';
    expect(await clusterAnswering({ 'list-nodes': stdout }).listNodes()).toMatchObject([{ state: 'Unknown', drainStatus: 'NotInitiated' }]);
  });
});

describe('list-vms and get-vm output', () => {
  const vm = (name: string, state: string | number, clustered: string | boolean = true) =>
    `{"name":"${name}","id":"6f1d9a3e-0000-4000-8000-00000000000${name.length % 10}","ownerNode":"HV01","state":${JSON.stringify(state)},"memoryMB":8192,"clustered":${JSON.stringify(clustered)}}`;

  test('none: an empty array, or nothing at all from a pipeline with nothing in it', async () => {
    expect(await clusterAnswering({ 'list-vms': '[]\r\n' }).listVms()).toEqual([]);
    expect(await clusterAnswering({ 'list-vms': '' }).listVms()).toEqual([]);
    expect(await clusterAnswering({ 'get-vm': '\r\n' }).getVm('vm42')).toBeUndefined();
  });

  test('one VM as a lone object', async () => {
    const cluster = clusterAnswering({ 'get-vm': vm('vm42', 'Running') });
    expect(await cluster.getVm('vm42')).toMatchObject({ name: 'vm42', state: 'Running', clustered: true, memoryMB: 8192 });
  });

  test('VMState numbers and names, critical variants folded onto their state', async () => {
    const states: [string | number, string][] = [
      [2, 'Running'], [3, 'Off'], [6, 'Saved'], [9, 'Paused'], [10, 'Starting'], [4, 'Stopping'], [32773, 'Saving'],
      [32785, 'Running'], [32786, 'Off'], [32779, 'Saved'], [32777, 'Starting'], [11, 'Other'], [4242, 'Other'],
      ['RunningCritical', 'Running'], ['FastSaved', 'Saved'], ['running', 'Running'],
    ];
    const stdout = `[${states.map(([state], i) => vm(`vm${i}`, state)).join(',')}]`;
    const vms = await clusterAnswering({ 'list-vms': stdout }).listVms();
    expect(vms.map((v) => v.state)).toEqual(states.map(([, expected]) => expected));
  });

  test('booleans as True/False strings', async () => {
    const stdout = `[${vm('a', 'Running', 'False')},${vm('bb', 'Off', 'True')}]`;
    expect((await clusterAnswering({ 'list-vms': stdout }).listVms()).map((v) => v.clustered)).toEqual([false, true]);
  });

  test('two different VMs of one name are refused rather than guessed', async () => {
    const stdout = `[${vm('vm42', 'Running')},${vm('vm42', 'Off').replace('00000000000', '99999999999')}]`;
    await refusal(clusterAnswering({ 'get-vm': stdout }).getVm('vm42'), 'operation-failed');
  });
});

describe('list-volumes output', () => {
  test('resource states as numbers and names onto the port\'s volume states', async () => {
    const stdout = '[{"name":"Cluster Disk 1","ownerNode":"HV01","state":2,"path":"C:\\\\ClusterStorage\\\\Volume1","sizeGB":1024,"freeGB":812.4},' +
      '{"name":"Cluster Disk 2","ownerNode":"HV02","state":"OnlinePending","path":null,"sizeGB":null,"freeGB":null},' +
      '{"name":"Cluster Disk 3","ownerNode":"HV02","state":4,"path":"C:\\\\ClusterStorage\\\\Volume3","sizeGB":10,"freeGB":1}]';
    expect(await clusterAnswering({ 'list-volumes': stdout }).listVolumes()).toEqual([
      { name: 'Cluster Disk 1', ownerNode: 'HV01', state: 'Online', path: 'C:\\ClusterStorage\\Volume1', sizeGB: 1024, freeGB: 812.4, redirected: [] },
      { name: 'Cluster Disk 2', ownerNode: 'HV02', state: 'Pending', path: '', sizeGB: 0, freeGB: 0, redirected: [] },
      { name: 'Cluster Disk 3', ownerNode: 'HV02', state: 'Failed', path: 'C:\\ClusterStorage\\Volume3', sizeGB: 10, freeGB: 1, redirected: [] },
    ]);
  });
});

describe('watch-migration output', () => {
  const start = Date.UTC(2026, 10, 25, 9, 0, 0);
  const finished = (startTime: string) =>
    '{"vm":{"name":"vm42","id":"6F1D9A3E-0000-4000-8000-000000000042","ownerNode":"HV02","groupState":0,"resourceState":2,"vmState":2},' +
    '"target":"HV02","jobs":[],' +
    `"lastJob":{"host":"HV01","destinationHost":"HV02","jobState":7,"percentComplete":100,"startTime":"${startTime}","elapsedMs":38250,` +
    '"errorCode":0,"errorDescription":null,"blackoutMs":500},' +
    '"resource":{"migrationState":0,"migrationProgress":0,"migrationFailureReason":0}}';

  test('a finished live migration with its start as \\/Date(ms)\\/: the outcome comes from the job and event 20415', async () => {
    const cluster = clusterAnswering({ 'watch-migration': finished(`\\/Date(${start})\\/`) });
    const step = await cluster.watchMigration({ vm: 'vm42', node: 'hv02', type: 'live' }).next();
    expect(step).toEqual({ done: true, value: { vm: 'vm42', source: 'HV01', target: 'HV02', type: 'live', durationMs: 38250, downtimeMs: 500 } });
  });

  test('the same with an ISO start of seven fractional digits', async () => {
    const cluster = clusterAnswering({ 'watch-migration': finished('2026-11-25T09:00:00.1234567Z') });
    const step = await cluster.watchMigration({ vm: 'vm42', node: 'HV02', type: 'live' }).next();
    expect(step).toMatchObject({ done: true, value: { source: 'HV01', durationMs: 38250 } });
  });

  test('a failed job without words: the reason is the resource\'s MigrationFailureReason, printed as a signed Int32', async () => {
    const stdout = '{"vm":{"name":"vm42","id":"x","ownerNode":"HV01","groupState":0,"resourceState":2,"vmState":2},"target":"HV02","jobs":[],' +
      '"lastJob":{"host":"HV01","destinationHost":"HV02","jobState":10,"percentComplete":3,"startTime":null,"elapsedMs":900,"errorCode":32768,' +
      '"errorDescription":null,"blackoutMs":null},"resource":{"migrationState":5,"migrationProgress":0,"migrationFailureReason":-2147024882}}';
    const error = await refusal(clusterAnswering({ 'watch-migration': stdout }).watchMigration({ vm: 'vm42', node: 'HV02', type: 'live' }).next(), 'migration-failed');
    expect(error.message).toBe('the live migration of vm42 to HV02 failed: not enough memory (0x8007000E)');
  });

  test('a running job printed as a lone object, states as numbers, a failure reason as a signed Int32', async () => {
    const stdout = '{"vm":{"name":"vm42","id":"x","ownerNode":"HV01","groupState":0,"resourceState":2,"vmState":"Running"},"target":"HV02",' +
      '"jobs":{"host":"HV01","destinationHost":"HV02","jobState":4,"percentComplete":"45","startTime":"\\/Date(1764061200000)\\/","elapsedMs":12000,' +
      '"errorCode":0,"errorDescription":null,"blackoutMs":null},"lastJob":null,' +
      '"resource":{"migrationState":2,"migrationProgress":44,"migrationFailureReason":-2147024882}}';
    const step = await clusterAnswering({ 'watch-migration': stdout }).watchMigration({ vm: 'vm42', node: 'HV02', type: 'live' }).next();
    expect(step).toEqual({ done: false, value: { vm: 'vm42', phase: 'memory-copy', percent: 45 } });
  });

  test('no job readable (second hop refused): progress from the resource\'s MigrationState and MigrationProgress', async () => {
    const stdout = '{"vm":{"name":"vm42","id":"x","ownerNode":"HV01","groupState":"Online","resourceState":"Online","vmState":"Unknown"},' +
      '"target":"HV02","jobs":[],"lastJob":null,"resource":{"migrationState":3,"migrationProgress":97,"migrationFailureReason":0}}';
    const step = await clusterAnswering({ 'watch-migration': stdout }).watchMigration({ vm: 'vm42', node: 'HV02', type: 'live' }).next();
    expect(step).toEqual({ done: false, value: { vm: 'vm42', phase: 'blackout', percent: 97 } });
  });

  test('a job that ended in Exception with the VM still on its source is migration-failed, with Hyper-V\'s words', async () => {
    const stdout = '{"vm":{"name":"vm42","id":"x","ownerNode":"HV01","groupState":0,"resourceState":2,"vmState":2},"target":"HV02","jobs":[],' +
      '"lastJob":{"host":"HV01","destinationHost":"HV02","jobState":10,"percentComplete":8,"startTime":null,"elapsedMs":900,"errorCode":32768,' +
      '"errorDescription":"Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA)","blackoutMs":null},' +
      '"resource":null}';
    const error = await refusal(clusterAnswering({ 'watch-migration': stdout }).watchMigration({ vm: 'vm42', node: 'HV02', type: 'live' }).next(), 'migration-failed');
    expect(error.message).toBe('the live migration of vm42 to HV02 failed: Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA)');
    expect(error.details).toMatchObject({ hresult: '0x800705AA', source: 'HV01', jobState: 'Exception' });
  });
});

describe('output that is not one JSON document of the expected shape', () => {
  test.each([
    ['two documents', '[]\r\n[]\r\n', /did not print one JSON document/],
    ['text before the JSON', 'WARNING: something\r\n[]', /did not print one JSON document/],
    ['a field of the wrong kind', '[{"name":"HV01","id":"1","state":true,"drainStatus":0}]', /printed an unexpected shape: \[0\]\.state/],
    ['an object where fields are missing', '{"vm":"vm42"}', /unexpected shape/],
  ])('%s is an operation-failed ClusterError naming the script', async (_label, stdout, message) => {
    const error = await refusal(clusterAnswering({ 'list-nodes': stdout, 'migrate-vm': stdout }).listNodes(), 'operation-failed');
    expect(error.message).toMatch(message);
    expect(error.details).toEqual({ script: 'list-nodes' });
  });
});

describe('parsePsDate', () => {
  test.each([
    ['/Date(1326441600000)/', 1326441600000],
    ['/Date(1326441600000+0100)/', 1326441600000],
    ['/Date(-1000)/', -1000],
    ['2012-01-13T08:00:00.0000000Z', 1326441600000],
    ['2012-01-13T09:00:00.5+01:00', 1326441600500],
    ['2012-01-13T08:00:00Z', 1326441600000],
    [1326441600000, 1326441600000],
  ])('%s', (text, ms) => {
    expect(parsePsDate(text)).toBe(ms);
  });

  test.each(['13/01/2012', 'Date(1)', '', 'soon'])('%s is not a date', (text) => {
    expect(parsePsDate(text)).toBeUndefined();
  });
});
