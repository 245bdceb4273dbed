/**
 * The whole path without RemoteCluster: createPowerShellRunner → createWinrsRunner (NTLM, sealed)
 * → the simulator's WinRM server → createScriptHost → a SimulatedCluster with the demo inventory.
 */
import { createSystemClock } from '../../../src/cluster/clock.js';
import { clusterScript } from '../../../src/cluster/scripts/index.js';
import { demoInventory } from '../../../src/cluster/simulator/demo-inventory.js';
import { createScriptHost, type HostedScript } from '../../../src/cluster/simulator/script-host/index.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { createPowerShellRunner, PowerShellError, type PowerShellRunner } from '../../../src/remoting/powershell/index.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createWinrsRunner } from '../../../src/remoting/winrs-runner.js';
import { credentials, startServer, stopServers } from './helpers.js';

let runner: CommandRunner;
let powershell: PowerShellRunner;
let cluster: ReturnType<typeof createSimulatedCluster>;
const seen: HostedScript[] = [];

beforeEach(async () => {
  const clock = createSystemClock();
  cluster = createSimulatedCluster({ inventory: demoInventory, clock });
  seen.length = 0;
  const host = createScriptHost(cluster, { clock, onScript: (run) => seen.push(run) });
  const { url } = await startServer({ host });
  runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } });
  powershell = createPowerShellRunner(runner);
});

afterEach(async () => {
  await runner.close();
  await stopServers();
});

it('lists the demo nodes and the VMs of one node through the project scripts', async () => {
  const nodes = JSON.parse((await powershell.runScript(clusterScript('list-nodes'), {})).stdout) as Array<{ name: string; state: string }>;
  expect(nodes.map((n) => [n.name, n.state])).toEqual((await cluster.listNodes()).map((n) => [n.name, 'Up']));
  expect(nodes.map((n) => n.name)).toEqual(['node1', 'node2', 'node3']);
  const vms = JSON.parse((await powershell.runScript(clusterScript('list-vms'), { Node: 'node2' })).stdout) as Array<{ name: string }>;
  expect(vms.map((v) => v.name)).toEqual(['SQL Server 02', 'dc02', 'web02', 'app02', 'file01']);
  expect(seen.map((s) => [s.script, s.via])).toEqual([['list-nodes', 'encoded-command'], ['list-vms', 'encoded-command']]);
});

it('runs a script too long for the command line over stdin, and the cluster really starts the migration', async () => {
  const started = JSON.parse((await powershell.runScript(clusterScript('migrate-vm'), { Vm: 'vm42', Node: 'node2' })).stdout) as { vm: string; target: string };
  expect(started).toMatchObject({ vm: 'vm42', target: 'node2' });
  expect(seen[0]).toMatchObject({ script: 'migrate-vm', via: 'stdin' });
  expect(cluster.migrations().map((m) => m.vm)).toEqual(['vm42']);
});

it('brings a hostile name to the script exactly as written, and the refusal back as a PowerShell error', async () => {
  const name = "node1'; Stop-VM -Name * #‘$(whoami)`";
  const error = await powershell.runScript(clusterScript('pause-node'), { Node: name }).catch((e: unknown) => e);
  expect(seen[0]?.args).toEqual({ Node: name });
  expect(error).toBeInstanceOf(PowerShellError);
  expect(error).toMatchObject({ exitCode: 1 });
  expect((error as PowerShellError).fullyQualifiedErrorId).toMatch(/^HyperVChatOps\./);
  expect((await cluster.listNodes()).map((n) => n.state)).toEqual(['Up', 'Up', 'Up']);
});
