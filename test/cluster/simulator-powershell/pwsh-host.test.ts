/**
 * The simulator's WinRS host as a WinRM client meets it: `powershell.exe ARGS` is a real pwsh
 * (PowerShell decodes the command, its exit code is the client's), other programs and lines too
 * long for cmd.exe answer as Windows does, the fake cluster modules carry Windows' names and
 * errors, and the channel to the model takes only calls that carry the host's secret.
 */
import { jest } from '@jest/globals';
import { createSystemClock } from '../../../src/cluster/clock.js';
import { demoInventory } from '../../../src/cluster/simulator/demo-inventory.js';
import { startSimulatorPowerShell, STDIN_BOOTSTRAP_ARGS, type SimulatorPowerShell } from '../../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster } from '../../../src/cluster/simulator/simulated-cluster.js';
import { decodeStderr, planPowerShellCommand } from '../../../src/remoting/powershell/index.js';

jest.setTimeout(60_000);

let simulated: SimulatorPowerShell;
const SECRET_OF_THE_BOT = 'xoxb-not-for-scripts';

beforeAll(async () => {
  process.env.HYPERV_CHATOPS_TEST_TOKEN = SECRET_OF_THE_BOT;
  const clock = createSystemClock();
  simulated = await startSimulatorPowerShell(createSimulatedCluster({ inventory: demoInventory, clock }), { clock, warm: 1 });
});

afterAll(async () => {
  delete process.env.HYPERV_CHATOPS_TEST_TOKEN;
  await simulated.close();
});

async function powershell(script: string) {
  const command = planPowerShellCommand(script);
  const result = await simulated.host.run(command.executable, command.args, command.stdin);
  return { ...result, out: result.stdout.toString('utf8').trimEnd(), records: decodeStderr(result.stderr.toString('utf8')).errorRecords };
}

test('PowerShell itself runs the encoded command, and its exit code is the one the client gets', async () => {
  const ran = await powershell('$PSVersionTable.PSVersion.ToString(); exit 3');
  expect(ran.out).toBe('7.6.10');
  expect(ran.exitCode).toBe(3);
});

test('a script too long for the command line goes behind the stdin bootstrap, to a pwsh already started with those arguments', async () => {
  const long = `# ${'x'.repeat(4000)}\n'from stdin: ' + [Console]::InputEncoding.WebName`;
  const command = planPowerShellCommand(long);
  expect(command.args).toEqual(STDIN_BOOTSTRAP_ARGS);
  const before = simulated.host.stats().warmHits;
  const result = await simulated.host.run(command.executable, command.args, command.stdin);
  expect(result.stdout.toString('utf8').trimEnd()).toMatch(/^from stdin: /);
  expect(simulated.host.stats().warmHits).toBe(before + 1);
});

test('a program that is not PowerShell gets cmd.exe\'s answer and 9009', async () => {
  const result = await simulated.host.run('hostname', []);
  expect(result.exitCode).toBe(9009);
  expect(result.stderr.toString('utf8')).toBe("'hostname' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
});

test('a command line longer than cmd.exe takes (8191) is refused as Windows refuses it, and nothing starts', async () => {
  const before = simulated.host.stats().started;
  const result = await simulated.host.run('powershell.exe', ['-NoProfile', '-EncodedCommand', 'A'.repeat(8200)]);
  expect(result).toMatchObject({ exitCode: 1 });
  expect(result.stderr.toString('utf8')).toBe('The command line is too long.\r\n');
  expect(simulated.host.stats().started).toBe(before);
});

test('the fake cmdlets come from modules named as on Windows, and the bot\'s own environment does not reach the scripts', async () => {
  const ran = await powershell(
    "(Get-Command Get-ClusterNode, Get-VM, Get-CimInstance, Get-WinEvent | ForEach-Object { $_.Source }) -join ','; \"[$env:HYPERV_CHATOPS_TEST_TOKEN]\"",
  );
  expect(ran.out.split(/\r?\n/)).toEqual(['FailoverClusters,Hyper-V,CimCmdlets,Microsoft.PowerShell.Diagnostics', '[]']);
});

test('a fake cmdlet fails as Windows does: its FullyQualifiedErrorId, category and the Win32 code inside', async () => {
  const ran = await powershell("$ErrorActionPreference = 'Stop'; try { Get-VM -Name 'no-such-vm' } catch { $_.FullyQualifiedErrorId; \"$($_.CategoryInfo.Category)\"; $_.CategoryInfo.Reason }");
  expect(ran.out.split(/\r?\n/)).toEqual(['InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM', 'InvalidArgument', 'VirtualizationException']);
  const cluster = await powershell("try { Get-ClusterNode -Name 'node9' -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.NativeErrorCode }");
  expect(cluster.out.split(/\r?\n/)).toEqual(['Get-ClusterNode,Microsoft.FailoverClusters.PowerShell.GetNodeCommand', '5042']);
});

test('objects carry Windows\' types: enums that print their names and serialize as numbers, GUIDs, byte counts', async () => {
  const ran = await powershell("$n = @(Get-ClusterNode)[0]; $v = @(Get-VM)[0]; \"$($n.State)\"; [int]$n.State; $n.PSObject.TypeNames[0]; $v.VMId.GetType().Name; $v.MemoryStartup % 1MB");
  expect(ran.out.split(/\r?\n/)).toEqual(['Up', '0', 'Microsoft.FailoverClusters.PowerShell.ClusterNode', 'Guid', '0']);
});

test('the channel to the model refuses a call without the host\'s secret', async () => {
  const { url } = simulated.service;
  const call = JSON.stringify({ cmdlet: 'Suspend-ClusterNode', parameters: { Name: 'node1' } });
  expect((await fetch(url, { method: 'POST', body: call })).status).toBe(403);
  expect((await fetch(url, { method: 'POST', body: call, headers: { authorization: 'Bearer guess' } })).status).toBe(403);
  const nodes = await powershell("@(Get-ClusterNode | Where-Object { \"$($_.State)\" -eq 'Paused' }).Count");
  expect(nodes.out).toBe('0');
});
