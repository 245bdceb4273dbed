/**
 * The new scripts' argument binding over the real wire: RemoteCluster → createPowerShellRunner →
 * createWinrsRunner (NTLM, sealed) → the simulator's WinRM server → createScriptHost → a
 * SimulatedCluster. Each value arrives exactly as the operation gave it, typed as PowerShell
 * binds it ([switch], [int], ValidateSet), and a bad one comes back as PowerShell's own error.
 */
import { createRemoteCluster } from '../../../src/cluster/remote/index.js';
import { clusterScript } from '../../../src/cluster/scripts/index.js';
import { createScriptHost, type HostedScript } from '../../../src/cluster/simulator/script-host/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createPowerShellRunner, PowerShellError, type PowerShellRunner } from '../../../src/remoting/powershell/index.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { contractInventory, refusal, watchToEnd } from '../contract.js';
import { credentials, startServer, stopServers } from './helpers.js';

let runner: CommandRunner;
let powershell: PowerShellRunner;
let simulator: SimulatedCluster;
let cluster: Cluster;
const seen: HostedScript[] = [];

beforeEach(async () => {
  const clock = createVirtualClock();
  simulator = createSimulatedCluster({ inventory: contractInventory, clock });
  seen.length = 0;
  const { url } = await startServer({ host: createScriptHost(simulator, { clock, onScript: (run) => seen.push(run) }) });
  runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } });
  powershell = createPowerShellRunner(runner);
  cluster = createRemoteCluster({ name: 'contract', powershell, clock, pollMs: 500 });
});

afterEach(async () => {
  await runner.close();
  await stopServers();
});

const hostile = "pre 'patch' \u2018quoted\u2019 $(Stop-Computer) `n; #";

test('move-volume: the names arrive as given and the volume moves', async () => {
  expect(await cluster.moveVolume('volume2', 'Node1')).toMatchObject({ volume: 'Volume2', source: 'node2', target: 'node1' });
  expect(seen.map((s) => [s.script, s.args])).toEqual([['move-volume', { Volume: 'volume2', Node: 'Node1' }]]);
  await refusal(cluster.moveVolume(hostile, 'node1'), 'volume-not-found');
  expect(seen[1]?.args).toEqual({ Volume: hostile, Node: 'node1' });
});

test('validate-cluster: -IncludeStorage arrives as a switch, and the report comes back', async () => {
  const report = await cluster.validate({ includeStorage: true });
  expect(report.includedStorage).toBe(true);
  expect(report.checks.find((c) => c.subject === 'Volume2')).toMatchObject({ check: 'persistent-reservation', ok: false });
  expect(seen[0]).toMatchObject({ script: 'validate-cluster', args: { IncludeStorage: true } });
});

test('set-vm-power: each action by its ValidateSet name; the VM ends in its state', async () => {
  expect((await cluster.stopVm('web01', { force: true })).state).toBe('Off');
  expect((await cluster.startVm('web01')).state).toBe('Running');
  expect(seen.map((s) => s.args)).toEqual([{ Vm: 'web01', Action: 'TurnOff' }, { Vm: 'web01', Action: 'Start' }]);
});

test('checkpoint-vm: a hostile checkpoint name is kept exactly, and listed back', async () => {
  const taken = await cluster.checkpointVm('web01', hostile);
  expect(taken.name).toBe(hostile);
  expect((await cluster.listCheckpoints('web01')).map((c) => c.name)).toEqual([hostile]);
  expect(seen.map((s) => [s.script, s.args])).toEqual([['checkpoint-vm', { Vm: 'web01', Name: hostile }], ['list-checkpoints', { Vm: 'web01' }]]);
});

test('list-events: -SinceMinutes arrives as a number, -About as the name; a failed move is in it', async () => {
  simulator.injectFailure({ kind: 'credssp', vm: 'app01' });
  await simulator.migrateVm({ vm: 'app01', node: 'node2', type: 'live' });
  await refusal(watchToEnd(simulator, { vm: 'app01', node: 'node2', type: 'live' }), 'migration-failed');
  const events = await cluster.recentEvents({ sinceMs: 30 * 60_000, about: 'app01' });
  expect(events.map((e) => e.id).sort()).toEqual([21111, 21502]);
  expect(seen.at(-1)).toMatchObject({ script: 'list-events', args: { SinceMinutes: 30, About: 'app01' } });
});

test('values the param() blocks refuse come back as PowerShell\'s binding errors, and nothing changes', async () => {
  const bad = [
    powershell.runScript(clusterScript('set-vm-power'), { Vm: 'web01', Action: 'Reboot' }),
    powershell.runScript(clusterScript('list-events'), { SinceMinutes: 'an hour' }),
    powershell.runScript(clusterScript('validate-cluster'), { IncludeStorage: 'yes' }),
    powershell.runScript(clusterScript('move-volume'), { Volume: 'Volume1' }),
  ].map((attempt) => attempt.catch((e: unknown) => e)); // caught at once: one may fail before the loop reaches it
  const ids = [];
  for (const attempt of bad) {
    const error = await attempt;
    expect(error).toBeInstanceOf(PowerShellError);
    ids.push((error as PowerShellError).fullyQualifiedErrorId);
  }
  expect(ids).toEqual(['ParameterArgumentValidationError', 'ParameterArgumentTransformationError', 'PositionalParameterNotFound', 'MissingMandatoryParameter']);
  expect((await simulator.getVm('web01'))?.state).toBe('Running');
  expect((await simulator.listVolumes()).map((v) => v.ownerNode)).toEqual(['node1', 'node2']);
});
