/**
 * The PSRP client against a real PowerShell runspace pool: `pwsh -s` serves PSRP on its standard
 * streams. Commands go as names with CLIXML parameters; the answers are PowerShell's own.
 */
import { jest } from '@jest/globals';
import { createPsrpClient, type PsrpClient } from '../../../src/remoting/psrp/client.js';
import { PsEnum, PsObject, psCustomObject } from '../../../src/remoting/psrp/clixml/value.js';
import { PipelineFailedError, PipelineStoppedError, PipelineTimeoutError } from '../../../src/remoting/psrp/errors.js';
import { pwshServer } from './pwsh-peer.js';

jest.setTimeout(120_000);

let client: PsrpClient;
beforeAll(async () => {
  client = createPsrpClient({ connect: () => pwshServer({ maxFragmentBlob: 4096 }), maxRunspaces: 2 });
  await client.warm();
});
afterAll(() => client.close());

test('named parameters arrive as typed objects: strings, numbers, booleans, lists, hashtables, PSCustomObject, dates', async () => {
  const input = new Map<string, unknown>([
    ['name', 'vm42 ‘quoted’ $(not-run) _x0041_'],
    ['memory', 8589934592],
    ['cpus', 4],
    ['ratio', 0.5],
    ['on', true],
    ['nodes', ['node1', 'node2']],
    ['when', new Date('2026-12-02T10:00:00.000Z')],
    ['nested', psCustomObject({ a: 1, b: null })],
  ]);
  const result = await client.invoke({
    name: 'ConvertTo-Json',
    parameters: { InputObject: input as never, Depth: 5, Compress: true },
  });
  expect(result.output).toHaveLength(1);
  const json = JSON.parse(result.output[0] as string) as Record<string, unknown>;
  expect(json).toEqual({
    name: 'vm42 ‘quoted’ $(not-run) _x0041_',
    memory: 8589934592,
    cpus: 4,
    ratio: 0.5,
    on: true,
    nodes: ['node1', 'node2'],
    when: '2026-12-02T10:00:00Z',
    nested: { a: 1, b: null },
  });
});

test('output objects come back with their type names and properties', async () => {
  const result = await client.invoke({ name: 'Get-Item', parameters: { Path: '/' } });
  const item = result.output[0] as PsObject;
  expect(item).toBeInstanceOf(PsObject);
  expect(item.typeNames[0]).toBe('System.IO.DirectoryInfo');
  expect(item.get('FullName')).toBe('/');
  expect(item.get('PSIsContainer')).toBe(true);
  const day = await client.invoke({ name: 'Get-Date', parameters: { Year: 2000, Month: 2, Day: 29 } });
  expect(day.output[0]).toBeInstanceOf(PsObject);
  expect(((day.output[0] as PsObject).primitive as Date).getFullYear()).toBe(2000);
  expect((day.output[0] as PsObject).get('DisplayHint')).toEqual(expect.any(PsEnum));
});

test('error, warning, verbose, information and progress records arrive on their own streams', async () => {
  const progress: string[] = [];
  const result = await client.invoke(
    [{ name: 'Write-Progress', parameters: { Activity: 'Copying memory', Status: 'pass 1', PercentComplete: 48 } }],
    { onProgress: (p) => progress.push(`${p.activity}:${p.percentComplete}`) },
  );
  expect(progress).toEqual(['Copying memory:48']);
  expect(result.progress[0]).toMatchObject({ activity: 'Copying memory', statusDescription: 'pass 1', recordType: 'Processing' });

  const error = await client.invoke({ name: 'Write-Error', parameters: { Message: 'vm42 is not clustered', ErrorId: 'VmNotClustered', TargetObject: 'vm42', Category: 'ObjectNotFound' } });
  expect(error.errors).toEqual([
    expect.objectContaining({ message: 'vm42 is not clustered', fullyQualifiedErrorId: 'VmNotClustered,Microsoft.PowerShell.Commands.WriteErrorCommand', category: 'ObjectNotFound', targetObject: 'vm42' }),
  ]);
  const warning = await client.invoke({ name: 'Write-Warning', parameters: { Message: 'node2 is paused' } });
  expect(warning.warnings).toEqual(['node2 is paused']);
  const verbose = await client.invoke({ name: 'Write-Verbose', parameters: { Message: 'checking', Verbose: true } });
  expect(verbose.verbose).toEqual(['checking']);
  const info = await client.invoke({ name: 'Write-Information', parameters: { MessageData: 'hello', Tags: ['t1'] } });
  expect(info.information).toEqual([{ messageData: 'hello', source: 'Write-Information', tags: ['t1'] }]);
});

test('a terminating failure names its FullyQualifiedErrorId', async () => {
  const error = await client.invoke({ name: 'Get-Item', parameters: { Path: '/no/such/path', ErrorAction: 'Stop' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PipelineFailedError);
  expect((error as PipelineFailedError).errorId).toBe('PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand');
  const unknown = await client.invoke({ name: 'Get-NoSuchThing' }).catch((e: unknown) => e);
  expect((unknown as PipelineFailedError).errorId).toBe('CommandNotFoundException');
});

test('messages larger than a fragment are split and joined both ways', async () => {
  const big = 'x'.repeat(150_000) + 'é€😀';
  const result = await client.invoke({ name: 'Write-Output', parameters: { InputObject: big } });
  expect(result.output).toEqual([big]);
});

test('a pipeline that does not finish is stopped at its deadline, and the pool stays usable', async () => {
  const started = Date.now();
  const error = await client.invoke({ name: 'Start-Sleep', parameters: { Seconds: 60 } }, { timeoutMs: 500 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PipelineTimeoutError);
  expect(Date.now() - started).toBeLessThan(20_000);
  const aborter = new AbortController();
  const pending = client.invoke({ name: 'Start-Sleep', parameters: { Seconds: 60 } }, { signal: aborter.signal });
  setTimeout(() => aborter.abort(), 300);
  await expect(pending).rejects.toBeInstanceOf(PipelineStoppedError);
  expect((await client.invoke({ name: 'Write-Output', parameters: { InputObject: 'still here' } })).output).toEqual(['still here']);
});

test('at most maxRunspaces pipelines run at once; the rest wait their turn', async () => {
  const opened = client.stats.poolsOpened;
  const runs = [1, 2, 3].map(() => client.invoke({ name: 'Start-Sleep', parameters: { Milliseconds: 400 } }));
  await new Promise((r) => setTimeout(r, 50));
  expect(client.stats).toMatchObject({ running: 2, queued: 1 });
  await Promise.all(runs);
  expect(client.stats).toMatchObject({ running: 0, queued: 0, poolsOpened: opened });
});
