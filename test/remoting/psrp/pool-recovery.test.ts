/**
 * A pool the server dropped (here: the `pwsh -s` process killed) is reopened for the next command,
 * and a command that was already sent is never sent again: the caller learns it may have run.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPsrpClient } from '../../../src/remoting/psrp/client.js';
import { PoolBrokenError } from '../../../src/remoting/psrp/errors.js';
import { pwshServer } from './pwsh-peer.js';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'psrp-recovery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a dropped idle pool is reopened on the next command', async () => {
  const transports: Array<ReturnType<typeof pwshServer>> = [];
  const client = createPsrpClient({ connect: () => transports[transports.push(pwshServer()) - 1]! });
  try {
    expect((await client.invoke({ name: 'Write-Output', parameters: { InputObject: 'one' } })).output).toEqual(['one']);
    transports[0]!.kill();
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.invoke({ name: 'Write-Output', parameters: { InputObject: 'two' } })).output).toEqual(['two']);
    expect(client.stats.poolsOpened).toBe(2);
  } finally {
    await client.close();
  }
});

test('a pool dropped under a running command: the command is not run twice, and the next one runs', async () => {
  const marker = join(dir, 'ran.txt');
  const transports: Array<ReturnType<typeof pwshServer>> = [];
  const client = createPsrpClient({ connect: () => transports[transports.push(pwshServer()) - 1]! });
  try {
    await client.warm();
    // Write-Output 60 | Tee-Object -FilePath marker | Start-Sleep: writes the marker, then sleeps a minute.
    const running = client.invoke([
      { name: 'Write-Output', parameters: { InputObject: 60 } },
      { name: 'Tee-Object', parameters: { FilePath: marker } },
      { name: 'Start-Sleep' },
    ]);
    for (let i = 0; i < 100 && !readIfThere(marker); i++) await new Promise((r) => setTimeout(r, 100));
    transports[0]!.kill();
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PoolBrokenError);
    expect(error).toMatchObject({ mayHaveRun: true });
    expect(readFileSync(marker, 'utf8').trim().split(/\r?\n/)).toEqual(['60']);
    expect(transports).toHaveLength(1);
    expect((await client.invoke({ name: 'Write-Output', parameters: { InputObject: 'after' } })).output).toEqual(['after']);
    expect(readFileSync(marker, 'utf8').trim().split(/\r?\n/)).toEqual(['60']);
  } finally {
    await client.close();
  }
});

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
