/**
 * How RemoteCluster reads a failed script: by FullyQualifiedErrorId for the scripts' own
 * refusals, by Windows error code for cmdlet failures, operation-failed for the rest, and
 * unreachable for the connection. The fake is a CommandRunner answering with CLIXML stderr and an
 * exit code, as powershell.exe does.
 */
import { createRemoteCluster } from '../../../src/cluster/remote/index.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import type { CommandResult, CommandRunner } from '../../../src/remoting/command-runner.js';
import { AbortedError, ConnectionError } from '../../../src/remoting/errors.js';
import { createPowerShellRunner, encodeClixmlError, type PowerShellErrorRecord } from '../../../src/remoting/powershell/index.js';
import { refusal } from '../contract.js';
import { withOneNodeAnswers } from './one-node-answers.js';

function clusterWith(run: CommandRunner['run']) {
  const runner: CommandRunner = { run: withOneNodeAnswers(run, ['list-nodes']), async close() {} };
  return createRemoteCluster({ name: 'recorded', powershell: createPowerShellRunner(runner), clock: createVirtualClock() });
}

const failing = (records: PowerShellErrorRecord[], exitCode = 1) =>
  clusterWith(async (): Promise<CommandResult> => ({
    stdout: Buffer.alloc(0), stderr: Buffer.from(encodeClixmlError(records), 'utf8'), exitCode,
  }));

const cmdletRecord = (message: string, errorId: string, targetName = ''): PowerShellErrorRecord => ({
  message, category: 'NotSpecified', fullyQualifiedErrorId: errorId, targetName, targetType: 'String',
  activity: 'Move-ClusterVirtualMachineRole', reason: 'ClusterCmdletException',
});

const migrate = { vm: 'vm42', node: 'HV02', type: 'live' } as const;

describe('the scripts\' own refusals map by id', () => {
  test.each([
    ['HyperVChatOps.VmNotFound', 'vm-not-found'],
    ['HyperVChatOps.NodeNotFound', 'node-not-found'],
    ['HyperVChatOps.NodeNotUp', 'node-not-up'],
    ['HyperVChatOps.NotEnoughMemory', 'not-enough-memory'],
    ['HyperVChatOps.AlreadyThere', 'already-there'],
    ['HyperVChatOps.NotClustered', 'not-clustered'],
    ['HyperVChatOps.Busy', 'busy'],
    ['HyperVChatOps.NoMigrationRunning', 'no-migration-running'],
    // PowerShell may append the command to the id.
    ['HyperVChatOps.NodeNotUp,migrate-vm.ps1', 'node-not-up'],
  ] as const)('%s → %s, with the script\'s message as written', async (errorId, code) => {
    const message = 'HV02 is paused, so nothing can move to it';
    const error = await refusal(failing([cmdletRecord(message, errorId, 'HV02')]).migrateVm(migrate), code);
    expect(error.message).toBe(message);
    expect(error.details).toMatchObject({ vm: 'vm42', node: 'HV02', script: 'migrate-vm', errorId });
  });

  test('an id that only looks like ours is not taken for it', async () => {
    const record = cmdletRecord('odd', 'HyperVChatOpsX.NodeNotUp');
    await refusal(failing([record]).migrateVm(migrate), 'operation-failed');
    await refusal(failing([cmdletRecord('odd', 'HyperVChatOps.toString')]).migrateVm(migrate), 'operation-failed');
  });
});

describe('cmdlet failures map by the Windows error code they carry', () => {
  test.each([
    ['CmdletFailed with the HRESULT as its target', 'HyperVChatOps.CmdletFailed', 'Move-ClusterVirtualMachineRole failed: The cluster node is paused.', '0x800713CE', 'node-not-up'],
    ['a paused node in a raw cmdlet error', 'Move-ClusterVirtualMachineRole,Microsoft.FailoverClusters.PowerShell.MoveClusterVirtualMachineRoleCommand',
      "An error occurred while moving the clustered role 'vm42'. The cluster node is paused. Error code: 0x800713ce", '', 'node-not-up'],
    ['out of memory', 'Move-ClusterVirtualMachineRole,Microsoft.FailoverClusters.PowerShell.MoveClusterVirtualMachineRoleCommand',
      "'vm42' could not initialize memory: Ran out of memory (0x8007000E).", '', 'not-enough-memory'],
    ['insufficient system resources', 'HyperVChatOps.CmdletFailed',
      'Failed to create partition: Insufficient system resources exist to complete the requested service. (0x800705AA)', '0x800705AA', 'not-enough-memory'],
    ['group not found (5013)', 'Get-ClusterGroup,Microsoft.FailoverClusters.PowerShell.GetClusterGroupCommand',
      'The cluster group could not be found. (0x80071395)', 'vm42', 'vm-not-found'],
    ['an HRESULT nobody mapped', 'HyperVChatOps.CmdletFailed', 'Move-ClusterVirtualMachineRole failed: The RPC server is unavailable.', '0x800706BA', 'operation-failed'],
  ] as const)('%s', async (_label, errorId, message, target, code) => {
    const error = await refusal(failing([cmdletRecord(message, errorId, target)]).migrateVm(migrate), code);
    expect(error.message).toBe(message);
    expect(error.details.hresult).toMatch(/^0x[0-9A-F]{8}$/);
  });
});

describe('everything else', () => {
  test('a missing module (CommandNotFoundException) is operation-failed with its id', async () => {
    const record: PowerShellErrorRecord = {
      message: "The term 'Get-ClusterNode' is not recognized as the name of a cmdlet, function, script file, or operable program.",
      category: 'ObjectNotFound', fullyQualifiedErrorId: 'CommandNotFoundException', targetName: 'Get-ClusterNode', targetType: 'String', reason: 'CommandNotFoundException',
    };
    const error = await refusal(failing([record]).listNodes(), 'operation-failed');
    expect(error.details).toMatchObject({ script: 'list-nodes', errorId: 'CommandNotFoundException' });
  });

  test('plain stderr and a non-zero exit code is operation-failed with the exit code', async () => {
    const cluster = clusterWith(async () => ({ stdout: Buffer.alloc(0), stderr: Buffer.from('The command line is too long.\r\n'), exitCode: 255 }));
    const error = await refusal(cluster.listVolumes(), 'operation-failed');
    expect(error.details).toMatchObject({ script: 'list-volumes', exitCode: 255 });
    expect(error.message).toBe('The command line is too long.');
  });

  test('a connection failure is unreachable', async () => {
    const cluster = clusterWith(async () => {
      throw new ConnectionError('refused', 'hv01.example.com', 5985, 'ECONNREFUSED');
    });
    const error = await refusal(cluster.listNodes(), 'unreachable');
    expect(error.message).toMatch(/Cannot reach WinRM at hv01.example.com:5985/);
    expect(error.details).toMatchObject({ reason: 'connection', script: 'list-nodes' });
  });

  test('a watch aborted while its script runs rejects with the caller\'s reason, not a ClusterError', async () => {
    const abort = new AbortController();
    const cluster = clusterWith(async () => {
      abort.abort(new Error('thread closed'));
      throw new AbortedError();
    });
    await expect(cluster.watchMigration(migrate, { signal: abort.signal }).next()).rejects.toThrow('thread closed');
  });
});
