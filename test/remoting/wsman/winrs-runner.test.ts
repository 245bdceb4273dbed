/** The WinRS CommandRunner against a scripted WinRS host over real HTTP on 127.0.0.1. */
import {
  AbortedError,
  RunnerClosedError,
  TimeoutError,
  WmiQuotaError,
  WSManFaultError,
} from '../../../src/remoting/errors.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createWinrsRunner, type WinrsRunnerOptions } from '../../../src/remoting/winrs-runner.js';
import { FaultCode, SignalCode } from '../../../src/remoting/wsman/constants.js';
import { startFakeWinrsHost, type FakeHostOptions, type FakeWinrsHost } from './helpers/fake-winrs-host.js';

const user = { username: 'operator', password: 'S3cret-pass' };
let host: FakeWinrsHost;
let runner: CommandRunner;

async function setUp(hostOptions: FakeHostOptions = {}, runnerOptions: Partial<WinrsRunnerOptions> = {}) {
  host = await startFakeWinrsHost({ auth: { scheme: 'basic', ...user }, ...hostOptions });
  runner = createWinrsRunner({
    endpoint: host.url,
    auth: { scheme: 'basic', ...user, allowUnencryptedHttp: true },
    ...runnerOptions,
  });
}

afterEach(async () => {
  await runner.close();
  await host.close();
});

describe('running commands', () => {
  it('returns stdout, stderr and the exit code as bytes, and reuses one shell for consecutive commands', async () => {
    const split = Buffer.from('héllo wörld ✓', 'utf8');
    await setUp({ program: ({ args }) => ({ stdout: split, stderr: `err ${args[0]}`, exitCode: 3, chunkSize: 2 }) });
    for (const n of [1, 2, 3]) {
      const result = await runner.run('cmd.exe', [`/c${n}`]);
      expect(result.stdout.toString('utf8')).toBe('héllo wörld ✓');
      expect(result.stderr.toString('utf8')).toBe(`err /c${n}`);
      expect(result.exitCode).toBe(3);
    }
    expect(host.stats.created).toBe(1);
    expect(host.stats.commands).toHaveLength(3);
  });

  it('opens the shell with code page 65001 and no profile, and Signals terminate after every command', async () => {
    await setUp();
    await runner.run('powershell.exe', ['-NoProfile', '-EncodedCommand', 'AAA=']);
    await runner.run('hostname', []);
    expect(host.stats.createOptions).toEqual([{ WINRS_CODEPAGE: '65001', WINRS_NOPROFILE: 'TRUE' }]);
    expect(host.stats.commands[0]).toEqual({
      executable: 'powershell.exe',
      args: ['-NoProfile', '-EncodedCommand', 'AAA='],
      options: { WINRS_CONSOLEMODE_STDIN: 'TRUE', WINRS_SKIP_CMD_SHELL: 'False' },
    });
    expect(host.stats.signals.map((s) => s.code)).toEqual([SignalCode.terminate, SignalCode.terminate]);
  });

  it('keeps polling through TimedOut faults until the command is done', async () => {
    await setUp({ program: () => ({ stdout: 'late', timedOutPolls: 3 }) });
    const result = await runner.run('slow.exe', []);
    expect(result.stdout.toString()).toBe('late');
    expect(host.stats.receives).toBe(4);
  });

  it('sends stdin in chunks that keep every envelope under MaxEnvelopeSize, End on the last', async () => {
    await setUp({ program: ({ stdin }) => ({ stdout: stdin }) }, { maxEnvelopeSize: 16384 });
    const input = Buffer.from(Array.from({ length: 60000 }, (_, i) => i % 251));
    const result = await runner.run('powershell.exe', ['-Command', '-'], { stdin: input });
    expect(result.stdout.equals(input)).toBe(true);
    expect(host.stats.sends.length).toBeGreaterThan(4);
    expect(Math.max(...host.stats.sends.map((s) => s.envelopeBytes))).toBeLessThanOrEqual(16384);
    expect(host.stats.sends.map((s) => s.end)).toEqual([...Array(host.stats.sends.length - 1).fill('False'), 'True']);
    expect(host.stats.commands[0]?.options.WINRS_CONSOLEMODE_STDIN).toBe('FALSE');
  });
});

describe('recovering and failing', () => {
  it('replaces a shell the server lost and runs the command once more', async () => {
    await setUp();
    await runner.run('first', []);
    host.forgetShells();
    const result = await runner.run('second', ['ok']);
    expect(result.stdout.toString()).toBe('ok');
    expect(host.stats.created).toBe(2);
    expect(host.stats.commands.map((c) => c.executable)).toEqual(['first', 'second']);
  });

  it('retries only once: a second shell-gone fault reaches the caller', async () => {
    await setUp();
    host.inject('command', 'shell-not-found');
    host.inject('command', 'shell-not-found');
    const error = await runner.run('x', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WSManFaultError);
    expect((error as WSManFaultError).code).toBe(FaultCode.shellNotFound);
    expect(host.stats.created).toBe(2);
  });

  it('recreates the shell when the operations quota is spent', async () => {
    await setUp();
    host.inject('command', 'operations-quota');
    expect((await runner.run('x', ['fine'])).stdout.toString()).toBe('fine');
    expect(host.stats.created).toBe(2);
  });

  it('surfaces the shells quota (MSFT_WmiError) without retrying', async () => {
    await setUp({ maxShells: 0 });
    const error = await runner.run('x', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WmiQuotaError);
    expect(error).toMatchObject({ code: FaultCode.shellQuota, quota: 'shells' });
    expect((error as Error).message).toMatch(/MaxShellsPerUser/);
  });

  it('does not run a command twice when the shell disappears after it started', async () => {
    await setUp();
    host.inject('receive', 'shell-not-found');
    const error = await runner.run('reboot-node', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WSManFaultError);
    expect(host.stats.commands).toHaveLength(1);
  });

  it('Signals the command even when a Receive fails', async () => {
    await setUp();
    host.inject('receive', 'invalid-parameter');
    const error = await runner.run('x', []).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: FaultCode.invalidParameter });
    expect(host.stats.signals).toHaveLength(1);
    expect((await runner.run('y', ['again'])).stdout.toString()).toBe('again');
    expect(host.stats.created).toBe(1);
  });

  it('terminates a command that passes its deadline and asks the server for shorter polls near it', async () => {
    await setUp({ program: () => ({ hang: true }) }, { operationTimeoutMs: 20000 });
    const error = await runner.run('hang.exe', [], { timeoutMs: 1200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'operation', timeoutMs: 1200 });
    expect(host.stats.signals).toHaveLength(1);
    expect(host.stats.receiveTimeouts.every((t) => t !== 'PT20S')).toBe(true);
  });

  it('terminates a command when the caller aborts', async () => {
    await setUp({ program: () => ({ hang: true }) });
    const controller = new AbortController();
    const pending = runner.run('hang.exe', [], { signal: controller.signal });
    while (host.stats.receives === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(host.stats.signals).toHaveLength(1);
  });
});

describe('parallel runs and shutdown', () => {
  it('never opens more shells than maxShellsPerUser and queues the rest', async () => {
    await setUp({ program: ({ args }) => ({ stdout: args[0], holdMs: 30 }) }, { maxShellsPerUser: 2 });
    const inputs = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const results = await Promise.all(inputs.map((x) => runner.run('echo', [x])));
    expect(results.map((r) => r.stdout.toString())).toEqual(inputs);
    expect(host.stats.maxOpenShells).toBe(2);
    expect(host.stats.created).toBe(2);
    expect(host.stats.signals).toHaveLength(inputs.length);
  });

  it('gives up waiting for a shell when the run reaches its deadline in the queue', async () => {
    await setUp({ program: ({ executable }) => (executable === 'hang.exe' ? { hang: true } : { stdout: 'quick' }) }, { maxShellsPerUser: 1 });
    const controller = new AbortController();
    const busy = runner.run('hang.exe', [], { signal: controller.signal });
    while (host.stats.receives === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const error = await runner.run('quick.exe', [], { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', phase: 'operation', timeoutMs: 200 });
    expect(host.stats.commands.map((c) => c.executable)).toEqual(['hang.exe']);
    controller.abort();
    await expect(busy).rejects.toBeInstanceOf(AbortedError);
    expect((await runner.run('quick.exe', [])).stdout.toString()).toBe('quick');
  });

  it('Deletes every shell on close and refuses to run afterwards', async () => {
    await setUp({ program: ({ args }) => ({ stdout: args[0], holdMs: 10 }) }, { maxShellsPerUser: 3 });
    await Promise.all(['1', '2', '3'].map((x) => runner.run('echo', [x])));
    expect(host.openShells()).toBe(3);
    await runner.close();
    expect(host.stats.deleted).toBe(3);
    expect(host.openShells()).toBe(0);
    await expect(runner.run('echo', ['late'])).rejects.toBeInstanceOf(RunnerClosedError);
  });

  it('with reuseShells off, Creates and Deletes a shell around every command', async () => {
    await setUp({}, { reuseShells: false });
    await runner.run('a', []);
    await runner.run('b', []);
    expect(host.stats).toMatchObject({ created: 2, deleted: 2 });
  });
});

test('logs neither the password nor the arguments', async () => {
  const lines: string[] = [];
  const log = (...parts: unknown[]) => void lines.push(JSON.stringify(parts));
  const logger = { debug: log, info: log, warn: log, error: log };
  await setUp({}, { logger });
  host.inject('command', 'shell-not-found');
  await runner.run('powershell.exe', ['-EncodedCommand', 'U0VDUkVULVNDUklQVA==']);
  await runner.close();
  expect(lines.length).toBeGreaterThan(3);
  const all = lines.join('\n');
  expect(all).not.toContain(user.password);
  expect(all).not.toContain(Buffer.from(`${user.username}:${user.password}`).toString('base64'));
  expect(all).not.toContain('U0VDUkVULVNDUklQVA==');
});
