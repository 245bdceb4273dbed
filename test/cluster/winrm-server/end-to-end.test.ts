/**
 * The whole path without RemoteCluster: createPowerShellRunner → createWinrsRunner (NTLM, sealed)
 * → the simulator's WinRM server → a real pwsh with the fake cluster modules → a SimulatedCluster
 * with the demo inventory.
 */
import { jest } from '@jest/globals';
import { createSystemClock } from '../../../src/cluster/clock.js';
import { clusterScript, clusterScriptHelpers } from '../../../src/cluster/scripts/index.js';
import { demoInventory } from '../../../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPowerShell, type SimulatorPowerShell } from '../../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createPowerShellRunner, PowerShellError, type PowerShellRunner } from '../../../src/remoting/powershell/index.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { credentials, startServer, stopServers } from './helpers.js';

let runner: CommandRunner;
let powershell: PowerShellRunner;
let cluster: ReturnType<typeof createSimulatedCluster>;
let simulated: SimulatorPowerShell;
/** How each command reached PowerShell, and the fake cmdlets it called with what PowerShell bound. */
const commands: Array<'encoded-command' | 'stdin'> = [];
const calls: Array<[string, Readonly<Record<string, unknown>>]> = [];

jest.setTimeout(60_000);

beforeEach(async () => {
  const clock = createSystemClock();
  cluster = createSimulatedCluster({ inventory: demoInventory, clock });
  commands.length = 0;
  calls.length = 0;
  simulated = await startSimulatorPowerShell(cluster, {
    clock, warm: 1, onCommand: ({ via }) => commands.push(via), onCall: (cmdlet, parameters) => calls.push([cmdlet, parameters]),
  });
  const { url } = await startServer({ host: simulated.host });
  runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } });
  powershell = createPowerShellRunner(runner);
});

afterEach(async () => {
  await runner.close();
  await stopServers();
  await simulated.close();
});

it('lists the demo nodes and the VMs of the node it runs on through the project scripts', async () => {
  const nodes = JSON.parse((await powershell.runScript(clusterScript('list-nodes'), {}, { helpers: clusterScriptHelpers('list-nodes') })).stdout) as Array<{ name: string; state: string }>;
  expect(nodes.map((n) => [n.name, n.state])).toEqual((await cluster.listNodes()).map((n) => [n.name, 'Up']));
  expect(nodes.map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
  const vms = JSON.parse((await powershell.runScript(clusterScript('list-vms'), {}, { helpers: clusterScriptHelpers('list-vms') })).stdout) as Array<{ name: string; ownerNode: string }>;
  expect(vms.map((v) => v.name)).toEqual((await cluster.listVms({ node: 'node1' })).map((v) => v.name));
  expect(new Set(vms.map((v) => v.ownerNode))).toEqual(new Set(['node1']));
  expect(commands).toEqual(['encoded-command', 'encoded-command']);
  expect(calls.filter(([cmdlet]) => cmdlet === 'Get-VM').map(([, p]) => p.ComputerName)).toEqual(['node1']);
});

it('runs a script too long for the command line over stdin, and the cluster really starts the migration', async () => {
  const started = JSON.parse((await powershell.runScript(clusterScript('migrate-vm'), { Vm: 'vm42', Node: 'node2' }, { helpers: clusterScriptHelpers('migrate-vm') })).stdout) as { vm: string; target: string };
  expect(started).toMatchObject({ vm: 'vm42', target: 'node2' });
  expect(commands).toEqual(['stdin']);
  expect(calls.filter(([cmdlet]) => cmdlet === 'Move-ClusterVirtualMachineRole').map(([, p]) => [p.Name, p.Node, p.MigrationType])).toEqual([['vm42', 'node2', 'Live']]);
  expect(cluster.migrations().map((m) => m.vm)).toEqual(['vm42']);
});

it('brings a hostile name to the script exactly as written, and the refusal back as a PowerShell error', async () => {
  const name = "node1'; Stop-VM -Name * #‘$(whoami)`";
  const error = await powershell.runScript(clusterScript('pause-node'), { Node: name }, { helpers: clusterScriptHelpers('pause-node') }).catch((e: unknown) => e);
  expect(calls.filter(([cmdlet]) => cmdlet.startsWith('Suspend'))).toEqual([]);
  expect((error as PowerShellError).message).toBe(`no node named "${name}" on ${cluster.name}`);
  expect(error).toBeInstanceOf(PowerShellError);
  expect(error).toMatchObject({ exitCode: 1 });
  expect((error as PowerShellError).fullyQualifiedErrorId).toMatch(/^HyperVChatOps\./);
  expect((await cluster.listNodes()).map((n) => n.state)).toEqual(['Up', 'Up', 'Up']);
});
