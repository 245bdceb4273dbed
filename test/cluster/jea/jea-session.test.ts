/**
 * The JEA endpoint as the bot meets it: a real PowerShell session built from the repository's
 * HyperVChatOps module and its role capability (the visible functions), RestrictedRemoteServer,
 * LanguageMode NoLanguage (`pwsh -s -ConfigurationFile`), reached by the PSRP client. It runs the
 * operations and refuses script text, commands the role does not expose and parameters outside
 * each function's validation. The cluster cmdlets are stubs (test/cluster/jea/fake-cluster.psm1).
 */
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPsrpClient, type PsrpClient } from '../../../src/remoting/psrp/client.js';
import { PipelineFailedError } from '../../../src/remoting/psrp/errors.js';
import { PsObject } from '../../../src/remoting/psrp/clixml/value.js';
import { pwshServer } from '../../remoting/psrp/pwsh-peer.js';

jest.setTimeout(120_000);

const root = fileURLToPath(new URL('../../..', import.meta.url));
const moduleDir = join(root, 'src', 'cluster', 'jea', 'HyperVChatOps');
const psrc = readFileSync(join(moduleDir, 'RoleCapabilities', 'HyperVChatOps.psrc'), 'utf8');
const visible = [...(/VisibleFunctions = @\(([^)]*)\)/.exec(psrc)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
const dir = mkdtempSync(join(tmpdir(), 'jea-'));
let client: PsrpClient;

// The functions name the node they run on by $env:COMPUTERNAME, as Windows sets it.
const computerName = process.env.COMPUTERNAME;

beforeAll(async () => {
  process.env.COMPUTERNAME = 'node1';
  const pssc = [
    '@{',
    "  SchemaVersion = '2.0.0.0'",
    "  SessionType = 'RestrictedRemoteServer'",
    "  LanguageMode = 'NoLanguage'",
    `  ModulesToImport = @('${join(fileURLToPath(new URL('.', import.meta.url)), 'fake-cluster.psm1')}', '${join(moduleDir, 'HyperVChatOps.psd1')}')`,
    `  VisibleFunctions = @(${visible.map((f) => `'${f}'`).join(', ')})`,
    // As the role: the functions read $env:COMPUTERNAME.
    "  VisibleProviders = 'Environment'",
    '}',
  ].join('\n');
  writeFileSync(join(dir, 'test.pssc'), pssc);
  client = createPsrpClient({ connect: () => pwshServer({ configurationFile: join(dir, 'test.pssc') }) });
  await client.warm();
});
afterAll(async () => {
  if (computerName === undefined) delete process.env.COMPUTERNAME;
  else process.env.COMPUTERNAME = computerName;
  await client?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the module is generated from the scripts and is up to date, one function per script', () => {
  expect(() => execFileSync(process.execPath, [join(root, 'scripts', 'build-jea-module.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  expect(visible).toHaveLength(18);
});

test('the session shows the role functions and only the few commands RestrictedRemoteServer adds', async () => {
  const result = await client.invoke({ name: 'Get-Command' });
  const names = result.output.map((c) => (c as PsObject).get('Name') as string);
  expect(names).toEqual(expect.arrayContaining(visible));
  const others = names.filter((n) => !visible.includes(n)).sort();
  expect(others).toEqual(['Clear-Host', 'Exit-PSSession', 'Get-Command', 'Get-FormatData', 'Get-Help', 'Measure-Object', 'Out-Default', 'Select-Object']);
});

test('read operations run through the module and print the scripts\' JSON', async () => {
  const nodes = JSON.parse((await client.invoke({ name: 'Get-ChatOpsNode' })).output[0] as string) as Array<Record<string, unknown>>;
  expect(nodes.map((n) => [n.name, n.state])).toEqual([['node1', 'Up'], ['node2', 'Up']]);
  const host = JSON.parse((await client.invoke({ name: 'Get-ChatOpsNodeHost' })).output[0] as string) as unknown;
  expect(host).toEqual({ memoryTotalMB: 65536, memoryFreeMB: 32768, hostMigrationLimit: 2, migrationPerformance: 'Compression' });
  const vm = JSON.parse((await client.invoke({ name: 'Get-ChatOpsVm', parameters: { Name: 'vm42' } })).output[0] as string) as unknown;
  expect(vm).toEqual([
    { name: 'vm42', id: '6f1d2c3b-0000-4000-8000-000000000042', ownerNode: 'node1', state: 'Running', memoryMB: 8192, clustered: true, possibleOwners: ['node1', 'node2'] },
  ]);
  const list = JSON.parse((await client.invoke({ name: 'Get-ChatOpsVmList' })).output[0] as string) as Array<{ name: string }>;
  expect(list.map((v) => v.name)).toEqual(['vm42']);
});

test('script text is refused (NoLanguage)', async () => {
  const error = await client.invoke({ name: 'Get-ChatOpsVm -Name vm42; Get-Process', isScript: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PipelineFailedError);
  expect((error as PipelineFailedError).errorId).toBe('ScriptsNotAllowed');
});

test('a command the role does not expose is refused, even one the module itself calls', async () => {
  for (const name of ['Get-Process', 'Get-VM', 'Get-ClusterNode', 'Invoke-Expression']) {
    const error = await client.invoke({ name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineFailedError);
    expect((error as PipelineFailedError).errorId).toBe('CommandNotFoundException');
  }
});

test('parameters outside a function\'s validation are refused before it runs', async () => {
  const bad = await client.invoke({ name: 'Move-ChatOpsVm', parameters: { Vm: 'vm42', Node: 'node2', MigrationType: 'Offline' } }).catch((e: unknown) => e);
  expect((bad as PipelineFailedError).errorId).toBe('ParameterArgumentValidationError,Move-ChatOpsVm');
  const unknown = await client.invoke({ name: 'Get-ChatOpsVm', parameters: { Name: 'vm42', ComputerName: 'elsewhere' } }).catch((e: unknown) => e);
  expect((unknown as PipelineFailedError).errorId).toBe('NamedParameterNotFound,Get-ChatOpsVm');
});

test('a refusal comes through the module\'s private prelude helpers with its id', async () => {
  const error = await client.invoke({ name: 'Suspend-ChatOpsNode', parameters: { Node: 'node9' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PipelineFailedError);
  expect((error as PipelineFailedError).errorId).toBe('HyperVChatOps.NodeNotFound,Suspend-ChatOpsNode');
});

test('the module holds each prelude helper once, and the client cannot call them', async () => {
  const psm1 = readFileSync(join(moduleDir, 'HyperVChatOps.psm1'), 'utf8');
  for (const helper of ['New-ChatOpsError', 'Get-HResult', 'Get-PossibleOwners', 'Get-LocalMigrationJob']) {
    expect(psm1.match(new RegExp(`^\\s*function ${helper} \\{`, 'gm'))).toHaveLength(1);
    const error = await client.invoke({ name: helper }).catch((e: unknown) => e);
    expect((error as PipelineFailedError).errorId).toBe('CommandNotFoundException');
  }
});
