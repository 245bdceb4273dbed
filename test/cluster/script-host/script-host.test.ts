/**
 * The simulator's script host as a WinRM server will use it: command line (and stdin) in,
 * stdout/stderr/exit code out, answered as powershell.exe would on a cluster node.
 */
import { clusterScript } from '../../../src/cluster/scripts/index.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import {
  createLocalCommandRunner, createScriptHost, type CommandHost, type HostedScript,
} from '../../../src/cluster/simulator/script-host/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { RunnerClosedError } from '../../../src/remoting/errors.js';
import {
  buildScriptInvocation, decodeStderr, INVOCATION_PRELUDE, planPowerShellCommand, type ArgumentValue,
} from '../../../src/remoting/powershell/index.js';
import { contractInventory } from '../contract.js';

function rig() {
  const clock = createVirtualClock();
  const cluster = createSimulatedCluster({ inventory: contractInventory, clock });
  const ran: HostedScript[] = [];
  const host = createScriptHost(cluster, { clock, onScript: (run) => ran.push(run) });
  return { clock, cluster, host, ran };
}

/** Sends `script` as the PowerShell layer would (inline, or behind the stdin bootstrap). */
async function send(host: CommandHost, script: string, maxCommandLine?: number) {
  const command = planPowerShellCommand(script, maxCommandLine === undefined ? {} : { maxCommandLine });
  const result = await host.run(command.executable, command.args, command.stdin);
  return { ...result, out: result.stdout.toString('utf8'), err: decodeStderr(result.stderr.toString('utf8')) };
}

const invoke = (host: CommandHost, name: Parameters<typeof clusterScript>[0], args: Record<string, ArgumentValue> = {}, maxCommandLine?: number) =>
  send(host, buildScriptInvocation(clusterScript(name), args), maxCommandLine);

describe('answers', () => {
  test('a list is a JSON array on one line, inline or through stdin alike', async () => {
    const { host, ran } = rig();
    const inline = await invoke(host, 'list-nodes');
    const viaStdin = await invoke(host, 'list-nodes', {}, 200);
    expect(inline.exitCode).toBe(0);
    expect(inline.out).toMatch(/^\[\{"name":"node1",.*\}\]\r\n$/);
    expect(viaStdin.out).toBe(inline.out);
    expect(ran.map((r) => r.via)).toEqual(['encoded-command', 'stdin']);
  });

  test('one VM and no VM are still arrays', async () => {
    const { host } = rig();
    expect((await invoke(host, 'get-vm', { Name: 'WEB01' })).out).toMatch(/^\[\{"name":"web01","id":"[0-9a-f-]{36}","ownerNode":"node1","state":"Running","memoryMB":4096,"clustered":true,"possibleOwners":\[\]\}\]\r\n$/);
    expect((await invoke(host, 'get-vm', { Name: 'vm24' })).out).toBe('[]\r\n');
    expect((await invoke(host, 'list-vms', { Node: 'node3' })).out).toBe('[]\r\n');
  });

  test('JSON is escaped as Windows PowerShell 5.1 escapes it, and reads back the same', async () => {
    const clock = createVirtualClock();
    const cluster = createSimulatedCluster({ clock, inventory: { name: 'x', nodes: [{ name: 'n1', memoryMB: 65536 }], vms: [{ name: "<a&b's>", node: 'n1', memoryMB: 1024 }] } });
    const { out } = await invoke(createScriptHost(cluster), 'list-vms');
    expect(out).toContain('"name":"\\u003ca\\u0026b\\u0027s\\u003e"');
    expect(JSON.parse(out)[0].name).toBe("<a&b's>");
  });

  test('watch-migration: a running job while the live migration runs, the finished job afterwards, lists always arrays', async () => {
    const { host, cluster, clock } = rig();
    expect((await invoke(host, 'migrate-vm', { Vm: 'app01', Node: 'node2' })).out)
      .toMatch(/^\{"vm":"app01","id":"[0-9a-f-]{36}","source":"node1","target":"node2","type":"Live"\}\r\n$/);
    await clock.advance(2000);
    const during = JSON.parse((await invoke(host, 'watch-migration', { Vm: 'app01', Node: 'NODE2' })).out);
    expect(during).toMatchObject({
      vm: { name: 'app01', ownerNode: 'node1', groupState: 'Online', resourceState: 'Online', vmState: 'Running' },
      target: 'node2', lastJob: null, resource: { migrationState: 2, migrationFailureReason: 0 },
      jobs: [{ host: 'node1', destinationHost: 'node2', jobState: 4, elapsedMs: 2000, errorCode: 0 }],
    });
    expect(during.jobs[0].percentComplete).toBe(cluster.migrations()[0]?.percent);
    expect(during.jobs[0].startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    await clock.advance(60_000);
    const after = await invoke(host, 'watch-migration', { Vm: 'app01', Node: 'node2' });
    expect(after.out).toContain('"jobs":[]');
    const outcome = cluster.history('app01')[0];
    expect(JSON.parse(after.out).lastJob).toMatchObject({ jobState: 7, percentComplete: 100, elapsedMs: outcome && outcome.endedAt - outcome.startedAt });
  });

  test('a refusal is the script\'s error record on stderr, with its id, and exit code 1', async () => {
    const { host } = rig();
    const result = await invoke(host, 'migrate-vm', { Vm: 'app01', Node: 'node3' });
    expect(result.exitCode).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.errorRecords).toEqual([expect.objectContaining({
      message: 'node3 is down, so nothing can move to it', fullyQualifiedErrorId: 'HyperVChatOps.NodeNotUp',
      category: 'ResourceUnavailable', targetName: 'node3',
    })]);
  });
});

describe('what the host will not run', () => {
  const body = clusterScript('get-vm');
  const withArgs = (args: string) => `${INVOCATION_PRELUDE}& {\n${body}\n}${args}`;

  test.each([
    ['a double-quoted string', ' -Name "$(Stop-Computer)"', 'UnexpectedToken'],
    ['a subexpression', ' -Name $(Stop-Computer)', 'UnexpectedToken'],
    ['a variable', ' -Name $env:COMPUTERNAME', 'UnexpectedToken'],
    ['a second statement', " -Name 'vm1'; Stop-Computer", 'UnexpectedToken'],
    ['a pipeline', " -Name 'vm1' | Out-File x", 'UnexpectedToken'],
    ['an unterminated string', " -Name 'vm1", 'TerminatorExpectedAtEndOfString'],
    ['a hex number', ' -Name 0x10', 'BadNumericConstant'],
  ])('%s is a parse error, and nothing runs', async (_label, args, errorId) => {
    const { host, ran } = rig();
    const result = await send(host, withArgs(args));
    expect(result.exitCode).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.errorRecords).toEqual([expect.objectContaining({
      category: 'ParserError', fullyQualifiedErrorId: errorId, reason: 'ParentContainsErrorRecordException',
      position: expect.stringMatching(/^At line:\d+ char:\d+$/),
    })]);
    expect(ran).toEqual([]);
  });

  test.each([
    ['a script of its own', 'Get-Process | ConvertTo-Json'],
    ['a project script changed by one character', buildScriptInvocation(`${body} `, { Name: 'web01' })],
    ['a project script without the prelude', `& {\n${body}\n} -Name 'web01'`],
  ])('%s is refused as not one of the project\'s scripts', async (_label, script) => {
    const { host, ran } = rig();
    const result = await send(host, script);
    expect(result.exitCode).toBe(1);
    expect(result.err.errorRecords[0]).toMatchObject({ fullyQualifiedErrorId: 'HyperVChatOps.Simulator.UnknownScript' });
    expect(result.err.errorRecords[0]?.message).toMatch(/only the project's cluster scripts/);
    expect(ran).toEqual([]);
  });

  test('a command that is not PowerShell gets cmd.exe\'s answer', async () => {
    const result = await rig().host.run('ipconfig', ['/all']);
    expect(result).toEqual({
      stdout: Buffer.alloc(0), exitCode: 9009,
      stderr: Buffer.from("'ipconfig' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"),
    });
  });
});

describe('parameter binding, as PowerShell binds the scripts\' param() blocks', () => {
  test('names bind without regard to case and by unique prefix; ValidateSet values in any case', async () => {
    const { host, cluster } = rig();
    const result = await invoke(host, 'migrate-vm', { vm: 'web01', NO: 'node2', Mig: 'quick' });
    expect(JSON.parse(result.out)).toMatchObject({ vm: 'web01', target: 'node2', type: 'Quick' });
    expect(cluster.migrations()[0]).toMatchObject({ vm: 'web01', type: 'quick' });
  });

  test.each([
    ['a missing mandatory parameter', { Vm: 'web01' }, 'MissingMandatoryParameter', 'Cannot process command because of one or more missing mandatory parameters: Node.'],
    ['an unknown parameter', { Vm: 'web01', Node: 'node2', Force: true }, 'NamedParameterNotFound', "A parameter cannot be found that matches parameter name 'Force'."],
    ['a value outside ValidateSet', { Vm: 'web01', Node: 'node2', MigrationType: 'TurnOff' }, 'ParameterArgumentValidationError', /does not belong to the set "Live,Quick"/],
    ['an empty mandatory string', { Vm: '', Node: 'node2' }, 'ParameterArgumentValidationErrorEmptyStringNotAllowed', "Cannot bind argument to parameter 'Vm' because it is an empty string."],
  ] as const)('%s is refused before anything runs', async (_label, args, errorId, message) => {
    const { host, cluster } = rig();
    const result = await invoke(host, 'migrate-vm', args);
    expect(result.exitCode).toBe(1);
    expect(result.err.errorRecords[0]?.fullyQualifiedErrorId).toBe(errorId);
    expect(result.err.errorRecords[0]?.message).toMatch(message);
    expect(cluster.stats().started).toBe(0);
  });
});

describe('createLocalCommandRunner', () => {
  test('runs commands in-process until closed', async () => {
    const runner = createLocalCommandRunner(rig().host);
    const command = planPowerShellCommand(buildScriptInvocation(clusterScript('list-volumes'), {}));
    expect((await runner.run(command.executable, command.args)).exitCode).toBe(0);
    await runner.close();
    await expect(runner.run(command.executable, command.args)).rejects.toBeInstanceOf(RunnerClosedError);
  });

  test('an aborted signal stops a command before it reaches the host', async () => {
    const { host, ran } = rig();
    const abort = new AbortController();
    abort.abort(new Error('stop'));
    const command = planPowerShellCommand(buildScriptInvocation(clusterScript('pause-node'), { Node: 'node1' }));
    await expect(createLocalCommandRunner(host).run(command.executable, command.args, { signal: abort.signal })).rejects.toThrow('stop');
    expect(ran).toEqual([]);
  });
});
