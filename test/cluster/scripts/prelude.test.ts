/**
 * The helpers of prelude.ps1 travel with each script: only the ones it calls, and in a real
 * PowerShell the script block sees them, whether the invocation goes inline (-EncodedCommand) or
 * over stdin behind the bootstrap. The cluster cmdlets are stub functions sent in front.
 */
import { jest } from '@jest/globals';
import { clusterScript, clusterScriptHelpers, clusterScriptPrelude, type ClusterScriptName } from '../../../src/cluster/scripts/index.js';
import { helpersFor, preludeFunctions } from '../../../src/cluster/scripts/prelude.js';
import { buildScriptInvocation, planPowerShellCommand, type ArgumentValue } from '../../../src/remoting/powershell/index.js';
import { runPwsh } from './pwsh.js';

jest.setTimeout(60_000);

describe('the helpers a script is sent with', () => {
  const functions = preludeFunctions(clusterScriptPrelude());

  test('leave no function of prelude.ps1 behind, whatever its name or layout', () => {
    const declared = [...clusterScriptPrelude().matchAll(/^\s*function\s+(\S+)/gm)].map((m) => m[1]);
    expect(functions.map((f) => f.name)).toEqual(declared);
  });

  test('are read from prelude.ps1 as whole functions', () => {
    expect(functions.map((f) => f.name)).toEqual([
      'New-ChatOpsError', 'Get-HResult', 'Get-PossibleOwners', 'ConvertTo-VmRow', 'ConvertTo-JobRow', 'Get-MigrationFailureEventId', 'Get-MigrationBlackoutMs', 'Get-LocalMigrationJob',
    ]);
    for (const f of functions) expect(f.text).toMatch(new RegExp(`^function ${f.name} \\{\\n[\\s\\S]*\\n\\}$`));
  });

  test('are the ones it calls, in the prelude\'s order, and none for a script that calls none', () => {
    expect(preludeFunctions(clusterScriptHelpers('get-vm')).map((f) => f.name)).toEqual(['Get-PossibleOwners', 'ConvertTo-VmRow']);
    expect(preludeFunctions(clusterScriptHelpers('get-migration-jobs')).map((f) => f.name))
      .toEqual(['ConvertTo-JobRow', 'Get-MigrationFailureEventId', 'Get-MigrationBlackoutMs', 'Get-LocalMigrationJob']);
    expect(clusterScriptHelpers('list-volumes')).toBe('');
  });

  test('include a helper that another helper calls, and not a name that only contains one', () => {
    const own = preludeFunctions('function Get-A {\n  Get-B\n}\nfunction Get-B {\n  1\n}\nfunction Get-C {\n  2\n}');
    expect(helpersFor('Get-A', own)).toBe('function Get-A {\n  Get-B\n}\n\nfunction Get-B {\n  1\n}');
    expect(helpersFor('Get-CX; My-Get-C', own)).toBe('');
  });
});

/** Stand-ins for the cluster cmdlets, sent before the helpers; NormalView prints the FullyQualifiedErrorId. */
const STUBS = [
  "$ErrorView = 'NormalView'",
  "function Get-Cluster { [pscustomobject]@{ Name = 'hv-cluster' } }",
  "function Get-ClusterNode { param($Name) [pscustomobject]@{ Name = 'node1'; Id = 1; State = 'Up'; DrainStatus = 'NotInitiated' } }",
  'function Get-ClusterGroup { }',
  'function Get-VM { param($ComputerName) }',
  'function Get-CimInstance { param($ClassName, $Namespace, $ComputerName) [pscustomobject]@{ TotalVisibleMemorySize = 67108864; FreePhysicalMemory = 33554432 } }',
  "function Get-VMHost { param($ComputerName) [pscustomobject]@{ MaximumVirtualMachineMigrations = 2; VirtualMachineMigrationPerformanceOption = 'Compression' } }",
].join('\n');

/** Runs the script as the bot would; `inline` allows Windows' longest command line (32767) instead of cmd.exe's. */
async function run(name: ClusterScriptName, args: Record<string, ArgumentValue>, way: 'inline' | 'as planned' = 'as planned') {
  const text = buildScriptInvocation(clusterScript(name), args, `${STUBS}\n${clusterScriptHelpers(name)}`);
  const command = planPowerShellCommand(text, way === 'inline' ? { maxCommandLine: 32767 } : {});
  return { via: command.stdin ? 'stdin' : 'inline', ...(await runPwsh(command.args, command.stdin)) };
}

test('inline: pause-node refuses a node that is not there with its id, through New-ChatOpsError', async () => {
  const result = await run('pause-node', { Node: "node9'; whoami #" }, 'inline');
  expect(result.via).toBe('inline');
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('no node named "node9\'; whoami #" on hv-cluster');
  expect(result.stderr).toContain('HyperVChatOps.NodeNotFound');
  expect(result.stderr).not.toMatch(/is not recognized/);
});

test('over stdin: get-migration-jobs reads this node through its helpers (Get-LocalMigrationJob) and prints its JSON', async () => {
  const result = await run('get-migration-jobs', { VmId: '6f1d2c3b-0000-4000-8000-000000000042', Vm: 'vm42' });
  expect(result.via).toBe('stdin');
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ jobs: [], lastJob: null });
});

test('over stdin: migrate-vm refuses a VM that is nowhere, through the helpers', async () => {
  const result = await run('migrate-vm', { Vm: 'ghost', Node: 'node1' });
  expect(result.via).toBe('stdin');
  expect(result.exitCode).toBe(1);
  // The error view is set inside the bootstrap's script block, so only the message shows here.
  expect(result.stderr).toContain('no VM named "ghost" on hv-cluster');
  expect(result.stderr).not.toMatch(/is not recognized/);
});
