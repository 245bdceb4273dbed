/**
 * The new scripts, read as an admin auditing them would (the cmdlets they call, what only Storage
 * may do), and run in a real pwsh against the simulator's fake cluster modules: their parameters
 * bound by PowerShell itself ([switch], [int], ValidateSet), and their output as it prints it.
 */
import { jest } from '@jest/globals';
import { watchedEvents } from '../../../src/cluster/cluster-events.js';
import { clusterScript, clusterScriptHelpers, clusterScriptPrelude, type ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { buildScriptInvocation, decodeStderr, planPowerShellCommand, type ArgumentValue } from '../../../src/remoting/powershell/index.js';
import { startPwshCluster, type PwshCluster } from '../../support/pwsh-cluster.js';
import { contractInventory } from '../contract.js';

jest.setTimeout(60_000);

/** Code without comments. */
const code = (name: ClusterScriptName) =>
  clusterScript(name).replace(/<#[\s\S]*?#>/g, '').split('\n').map((line) => line.replace(/(^|\s)#.*$/, '$1')).join('\n');

describe('the cmdlets each script calls', () => {
  test('volumes: Get-ClusterSharedVolumeState for redirected access, Move-ClusterSharedVolume to move', () => {
    expect(code('list-volumes')).toMatch(/Get-ClusterSharedVolumeState/);
    expect(code('list-volumes')).toMatch(/FileSystemRedirectedIOReason[\s\S]*BlockRedirectedIOReason/);
    expect(code('move-volume')).toMatch(/Move-ClusterSharedVolume -Name \$csv\.Name -Node \$target\.Name \|/);
  });

  test('validation: Test-Cluster -Include the five categories; Storage, -Disk and -Force only with -IncludeStorage', () => {
    const text = code('validate-cluster');
    expect(text).toMatch(/\$categories = @\('Inventory', 'Network', 'System Configuration', 'Hyper-V Configuration', 'Cluster Configuration'\)/);
    expect(text).toMatch(/if \(\$IncludeStorage\) \{ \$categories \+= 'Storage' \}/);
    expect(text).toMatch(/Test-Cluster -List -Include \$categories/);
    expect(text).toMatch(/Test-Cluster @testArgs/);
    expect(text).toMatch(/if \(\$IncludeStorage -and \$volumes\.Count -gt 0\) \{\s+\$testArgs\.Disk = [^\n]+\s+\$testArgs\.Force = \$true\s+\}/);
    expect(text.match(/Force/g)).toHaveLength(1);
  });

  test('VM power: Start-VM, Stop-VM (-Force for a guest shutdown, -TurnOff to pull the plug), Save-VM, Restart-VM', () => {
    const text = code('set-vm-power');
    expect(text).toMatch(/'Start' \{ Start-VM -VM \$found \| Out-Null \}/);
    expect(text).toMatch(/'Shutdown' \{ Stop-VM -VM \$found -Force \| Out-Null \}/);
    expect(text).toMatch(/'TurnOff' \{ Stop-VM -VM \$found -TurnOff -Force \| Out-Null \}/);
    expect(text).toMatch(/'Save' \{ Save-VM -VM \$found \| Out-Null \}/);
    expect(text).toMatch(/'Restart' \{ Restart-VM -VM \$found -Force \| Out-Null \}/);
  });

  test('checkpoints: Checkpoint-VM with -SnapshotName only when named; Get-VMSnapshot of the VM found by exact name', () => {
    expect(code('checkpoint-vm')).toMatch(/if \(\$Name -eq ''\) \{ \$snapshot = Checkpoint-VM -VM \$found -Passthru \}/);
    expect(code('checkpoint-vm')).toMatch(/Checkpoint-VM -VM \$found -SnapshotName \$Name -Passthru/);
    expect(code('list-checkpoints')).toMatch(/Get-VMSnapshot -VM \$found/);
    expect(code('list-checkpoints')).not.toMatch(/-VMName/);
  });

  test('nodes: the cluster\'s MaximumParallelMigrations from the cluster; the host\'s limit and performance option from Get-VMHost on the node itself', () => {
    expect(code('list-nodes')).toMatch(/\$cluster\.MaximumParallelMigrations/);
    expect(code('list-nodes')).not.toMatch(/Get-VMHost|Get-CimInstance/);
    const host = code('get-node-host');
    expect(host).toMatch(/\$vmHost = Get-VMHost\r?\n/);
    expect(host).toMatch(/\$vmHost\.MaximumVirtualMachineMigrations/);
    expect(host).toMatch(/\$vmHost\.VirtualMachineMigrationPerformanceOption/);
  });

  test('events: Get-WinEvent -FilterHashtable over exactly the logs and ids of the watched-events table', () => {
    const text = code('list-events');
    // This node's logs only: the bot reads each node's through its own session to it.
    expect(text).toMatch(/Get-WinEvent -FilterHashtable \$filter\)/);
    for (const [log, ids] of Object.entries(watchedEvents)) {
      const line = text.split('\n').find((l) => l.includes(`LogName = '${log}'`));
      expect(line).toContain(`Id = ${Object.keys(ids).join(', ')};`);
    }
  });

  test('possible owners: Get-ClusterOwnerNode, checked before a move and listed with the VMs', () => {
    expect(code('migrate-vm')).toMatch(/Get-ClusterOwnerNode -InputObject \$resource/);
    expect(code('migrate-vm')).toMatch(/New-ChatOpsError 'NotPossibleOwner'/);
    for (const name of ['list-vms', 'get-vm'] as const) expect(code(name)).toMatch(/ConvertTo-VmRow \$vm/);
    expect(clusterScriptPrelude()).toMatch(/possibleOwners = @\(if \(\$Vm\.IsClustered\) \{ Get-PossibleOwners \$Vm\.VMId \}\)/);
    expect(clusterScriptPrelude()).toMatch(/Get-ClusterGroup -VMId \$VmId \| Get-ClusterResource/);
    expect(clusterScriptPrelude()).toMatch(/LogName = 'Microsoft-Windows-Hyper-V-High-Availability-Admin'; Id = 21502/);
  });
});

const open: PwshCluster[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

async function rig(): Promise<{ cluster: PwshCluster['simulator']; started: PwshCluster }> {
  const started = await startPwshCluster(contractInventory);
  open.push(started);
  return { cluster: started.simulator, started };
}

async function invoke(name: ClusterScriptName, args: Record<string, ArgumentValue>, given?: Awaited<ReturnType<typeof rig>>) {
  const r = given ?? (await rig());
  const command = planPowerShellCommand(buildScriptInvocation(clusterScript(name), args, clusterScriptHelpers(name)));
  const result = await r.started.powershell.host.run(command.executable, command.args, command.stdin);
  return { exitCode: result.exitCode, out: result.stdout.toString('utf8'), records: decodeStderr(result.stderr.toString('utf8')).errorRecords };
}

describe('binding the new parameters', () => {
  test('[switch] -IncludeStorage: $true runs the Storage tests, absent does not', async () => {
    expect(JSON.parse((await invoke('validate-cluster', { IncludeStorage: true })).out).includedStorage).toBe(true);
    expect(JSON.parse((await invoke('validate-cluster', {})).out).includedStorage).toBe(false);
  });

  test.each([
    ['a switch given a string', 'validate-cluster', { IncludeStorage: 'yes' }, 'PositionalParameterNotFound'],
    ['an [int] that is not a number', 'list-events', { SinceMinutes: 'soon' }, 'ParameterArgumentTransformationError'],
    ['the mandatory [int] left out', 'list-events', { About: 'vm42' }, 'MissingMandatoryParameter'],
    ['an action outside ValidateSet', 'set-vm-power', { Vm: 'web01', Action: 'Reboot' }, 'ParameterArgumentValidationError'],
    ['an empty volume name', 'move-volume', { Volume: '', Node: 'node1' }, 'ParameterArgumentValidationErrorEmptyStringNotAllowed'],
  ] as const)('%s is refused as PowerShell refuses it, and nothing runs', async (_label, name, args, errorId) => {
    const r = await rig();
    const result = await invoke(name, args, r);
    expect(result.exitCode).toBe(1);
    expect(result.records[0]?.fullyQualifiedErrorId).toBe(errorId);
    expect((await r.cluster.getVm('web01'))?.state).toBe('Running');
  });

  test('[int] as a number or a numeric string; ValidateSet in any case; the optional name left out', async () => {
    // pwsh on Linux ends lines with LF where powershell.exe writes CRLF; the client reads both.
    expect((await invoke('list-events', { SinceMinutes: 60 })).out.trimEnd()).toBe('[]');
    expect((await invoke('list-events', { SinceMinutes: '60', About: 'web01' })).out.trimEnd()).toBe('[]');
    const r = await rig();
    expect(JSON.parse((await invoke('set-vm-power', { Vm: 'web01', Action: 'turnoff' }, r)).out)).toMatchObject({ name: 'web01', state: 'Off' });
    expect(JSON.parse((await invoke('checkpoint-vm', { Vm: 'web01' }, r)).out).name).toMatch(/^web01 - \(/);
  });
});

describe('answers shaped as the real scripts print them', () => {
  test('list-volumes: one access row per node that is up, Direct unless redirected', async () => {
    const [volume1] = JSON.parse((await invoke('list-volumes', {})).out);
    expect(volume1.access).toEqual([
      { node: 'node1', stateInfo: 'Direct', fileSystemReason: 'NotFileSystemRedirected', blockReason: 'NotBlockRedirected' },
      { node: 'node2', stateInfo: 'FileSystemRedirected', fileSystemReason: 'UserRequest', blockReason: 'NotBlockRedirected' },
    ]);
  });

  test('list-nodes: the cluster\'s view of each node, a node that is down too, and nothing read from any node', async () => {
    const node3 = JSON.parse((await invoke('list-nodes', {})).out)[2];
    expect(node3).toEqual({ name: 'node3', id: '3', state: 'Down', drainStatus: 'NotInitiated', clusterMigrationLimit: null });
  });

  test('a Windows failure is the cmdlet\'s own: CmdletFailed with the HRESULT as its target', async () => {
    const r = await rig();
    r.cluster.injectFailure({ kind: 'not-possible-owner', vm: 'web01' });
    const result = await invoke('migrate-vm', { Vm: 'web01', Node: 'node2' }, r);
    expect(result.records[0]).toMatchObject({ fullyQualifiedErrorId: 'HyperVChatOps.CmdletFailed', targetName: '0x80071398' });
  });

  test('a refusal of the new scripts is their own id: WrongState, VolumeNotFound', async () => {
    expect((await invoke('set-vm-power', { Vm: 'web01', Action: 'Start' })).records[0]).toMatchObject({ fullyQualifiedErrorId: 'HyperVChatOps.WrongState', targetName: 'web01' });
    expect((await invoke('move-volume', { Volume: 'V9', Node: 'node1' })).records[0]).toMatchObject({ fullyQualifiedErrorId: 'HyperVChatOps.VolumeNotFound', targetName: 'V9' });
  });
});
