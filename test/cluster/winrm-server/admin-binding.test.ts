/**
 * The new scripts' argument binding over the real wire: RemoteCluster → createPowerShellRunner →
 * createWinrsRunner (NTLM, sealed) → the simulator's WinRM server → a real pwsh → the fake cluster
 * cmdlets → a SimulatedCluster. Each value reaches the cmdlet exactly as the operation gave it,
 * typed as PowerShell binds it ([switch], [int], ValidateSet), and a bad one comes back as
 * PowerShell's own error. Each node has its own listener, as the bot reaches each node itself.
 */
import { jest } from '@jest/globals';
import { createRemoteCluster, createWinrsOperationRunner } from '../../../src/cluster/remote/index.js';
import { clusterScript, clusterScriptHelpers } from '../../../src/cluster/scripts/index.js';
import { startSimulatorPowerShell, type SimulatorPowerShell } from '../../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createPowerShellRunner, PowerShellError, type PowerShellRunner } from '../../../src/remoting/powershell/index.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { contractInventory, refusal, watchToEnd } from '../contract.js';
import { credentials, startServer, stopServers } from './helpers.js';

let runner: CommandRunner;
/** node2's WinRS runner (node1's is `runner`). */
let node2: CommandRunner;
let powershell: PowerShellRunner;
let simulator: SimulatedCluster;
let cluster: Cluster;
let host: SimulatorPowerShell;
/** The fake cmdlets that changed something or read events, with the values PowerShell bound. */
const seen: Array<[string, Readonly<Record<string, unknown>>]> = [];
const watched = new Set(['Move-ClusterSharedVolume', 'Test-Cluster', 'Stop-VM', 'Start-VM', 'Checkpoint-VM', 'Get-VMSnapshot', 'Get-WinEvent']);

jest.setTimeout(120_000);

beforeEach(async () => {
  // The scripts read the node's clock (Get-Date): the cluster's time starts at this machine's.
  const clock = createVirtualClock({ start: Date.now() });
  simulator = createSimulatedCluster({ inventory: contractInventory, clock });
  seen.length = 0;
  host = await startSimulatorPowerShell(simulator, { clock, warm: 1, onCall: (cmdlet, parameters) => watched.has(cmdlet) && seen.push([cmdlet, parameters]) });
  const { url } = await startServer({ host: host.host });
  runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } });
  powershell = createPowerShellRunner(runner);
  const second = await startServer({ host: host.hostFor('node2') });
  node2 = createWinrsRunner({ endpoint: second.url, auth: { scheme: 'ntlm', ...credentials } });
  const sessions = { node1: createWinrsOperationRunner(powershell), node2: createWinrsOperationRunner(createPowerShellRunner(node2)) };
  cluster = createRemoteCluster({ name: 'contract', operations: sessions.node1, nodes: (n) => (n.toLowerCase() === 'node2' ? sessions.node2 : sessions.node1), clock, pollMs: 500 });
});

afterEach(async () => {
  await runner.close();
  await node2.close();
  await stopServers();
  await host.close();
});

const hostile = "pre 'patch' \u2018quoted\u2019 $(Stop-Computer) `n; #";

test('move-volume: the names arrive as given and the volume moves', async () => {
  expect(await cluster.moveVolume('volume2', 'Node1')).toMatchObject({ volume: 'Volume2', source: 'node2', target: 'node1' });
  expect(seen).toEqual([['Move-ClusterSharedVolume', { Name: 'Volume2', Node: 'node1' }]]);
  const error = await refusal(cluster.moveVolume(hostile, 'node1'), 'volume-not-found');
  expect(error.message).toBe(`no Cluster Shared Volume named "${hostile}" on contract`);
  expect(seen).toHaveLength(1);
});

test('validate-cluster: -IncludeStorage arrives as a switch, and the report comes back', async () => {
  const report = await cluster.validate({ includeStorage: true });
  expect(report.includedStorage).toBe(true);
  expect(report.checks.find((c) => c.subject === 'Volume2')).toMatchObject({ check: 'persistent-reservation', ok: false });
  const runs = seen.filter(([cmdlet, p]) => cmdlet === 'Test-Cluster' && p.List === false);
  expect(runs).toEqual([['Test-Cluster', expect.objectContaining({ Include: expect.arrayContaining(['Storage']), Disk: ['Volume1', 'Volume2'] })]]);
});

test('set-vm-power: each action by its ValidateSet name; the VM ends in its state', async () => {
  expect((await cluster.stopVm('web01', { force: true })).state).toBe('Off');
  expect((await cluster.startVm('web01')).state).toBe('Running');
  expect(seen.map(([cmdlet, p]) => [cmdlet, p.TurnOff ?? null])).toEqual([['Stop-VM', true], ['Start-VM', null]]);
});

test('checkpoint-vm: a hostile checkpoint name is kept exactly, and listed back', async () => {
  const taken = await cluster.checkpointVm('web01', hostile);
  expect(taken.name).toBe(hostile);
  expect((await cluster.listCheckpoints('web01')).map((c) => c.name)).toEqual([hostile]);
  expect(seen.map(([cmdlet, p]) => [cmdlet, p.SnapshotName ?? null])).toEqual([['Checkpoint-VM', hostile], ['Get-VMSnapshot', null]]);
});

test('list-events: -SinceMinutes arrives as a number, -About as the name; a failed move is in it', async () => {
  simulator.injectFailure({ kind: 'credssp', vm: 'app01' });
  await simulator.migrateVm({ vm: 'app01', node: 'node2', type: 'live' });
  await refusal(watchToEnd(simulator, { vm: 'app01', node: 'node2', type: 'live' }), 'migration-failed');
  const events = await cluster.recentEvents({ sinceMs: 30 * 60_000, about: 'app01' });
  expect(events.map((e) => e.id).sort()).toEqual([21111, 21502]);
  const asked = seen.filter(([cmdlet]) => cmdlet === 'Get-WinEvent').map(([, p]) => p.Filter as { StartTime: string });
  expect(asked.length).toBeGreaterThan(0);
  // The window is the node's: 30 minutes before its clock (Get-Date), whatever the bot's clock says.
  for (const filter of asked) expect(Math.abs(Date.now() - Date.parse(filter.StartTime) - 30 * 60_000)).toBeLessThan(60_000);
});

test('values the param() blocks refuse come back as PowerShell\'s binding errors, and nothing changes', async () => {
  const bad = [
    powershell.runScript(clusterScript('set-vm-power'), { Vm: 'web01', Action: 'Reboot' }, { helpers: clusterScriptHelpers('set-vm-power') }),
    powershell.runScript(clusterScript('list-events'), { SinceMinutes: 'an hour' }, { helpers: clusterScriptHelpers('list-events') }),
    powershell.runScript(clusterScript('validate-cluster'), { IncludeStorage: 'yes' }, { helpers: clusterScriptHelpers('validate-cluster') }),
    powershell.runScript(clusterScript('move-volume'), { Volume: 'Volume1' }, { helpers: clusterScriptHelpers('move-volume') }),
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
