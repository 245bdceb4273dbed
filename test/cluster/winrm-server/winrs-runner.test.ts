/** The real WinRS runner (createWinrsRunner) against the simulator's WinRM server on 127.0.0.1. */
import { AbortedError, AuthenticationError, WmiQuotaError, WSManFaultError } from '../../../src/remoting/errors.js';
import type { CommandRunner } from '../../../src/remoting/command-runner.js';
import { createWinrsRunner, type WinrsRunnerOptions } from '../../../src/remoting/winrs-runner.js';
import { FaultCode } from '../../../src/remoting/wsman/constants.js';
import type { WinrmServerOptions } from '../../../src/cluster/simulator/winrm-server/index.js';
import { credentials, startServer, stopServers, type RunningServer } from './helpers.js';

const runners: CommandRunner[] = [];

async function setUp(
  scheme: 'basic' | 'ntlm',
  serverOptions: Partial<WinrmServerOptions> = {},
  runnerOptions: Partial<WinrsRunnerOptions> = {},
): Promise<RunningServer & { runner: CommandRunner }> {
  const started = await startServer({ allowUnencrypted: scheme === 'basic', ...serverOptions });
  const auth = scheme === 'basic' ? { scheme, ...credentials, allowUnencryptedHttp: true } : { scheme, ...credentials };
  const runner = createWinrsRunner({ endpoint: started.url, auth, ...runnerOptions });
  runners.push(runner);
  return { ...started, runner };
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.close()));
  await stopServers();
});

describe.each(['basic', 'ntlm'] as const)('over %s', (scheme) => {
  it('runs commands in one reused shell and returns stdout, stderr and the exit code', async () => {
    const { runner, server } = await setUp(scheme);
    const echoed = await runner.run('echo', ['héllo', 'wörld ✓']);
    expect(echoed.stdout.toString('utf8')).toBe('héllo wörld ✓');
    expect(echoed.exitCode).toBe(0);
    const failed = await runner.run('exit', ['3']);
    expect(failed).toMatchObject({ exitCode: 3 });
    expect(failed.stderr.toString()).toBe('failing with 3');
    expect((await runner.run('nosuch', [])).exitCode).toBe(9009);
    const stats = server.stats();
    expect(stats.operations).toMatchObject({ create: 1, command: 3, signal: 3 });
    expect(stats.shellsOpen).toBe(1);
    await runner.close();
    expect(server.stats().shellsOpen).toBe(0);
  });

  it('delivers stdin sent in several chunks, and output larger than one envelope, byte for byte', async () => {
    const { runner, server } = await setUp(scheme);
    const input = Buffer.from(Array.from({ length: 400_000 }, (_, i) => i % 251));
    const result = await runner.run('cat', [], { stdin: input });
    expect(result.stdout.equals(input)).toBe(true);
    expect(result.stderr.toString()).toBe('400000 bytes');
    expect(server.stats().operations.send).toBeGreaterThan(1);
    const big = await runner.run('big', ['300000', '70000']);
    expect(big.stdout.equals(Buffer.alloc(300_000, 'x'))).toBe(true);
    expect(big.stderr.equals(Buffer.alloc(70_000, 'e'))).toBe(true);
    expect(server.stats().operations.receive).toBeGreaterThan(3);
  });
});

describe('long polls', () => {
  it('answers TimedOut while the command runs past OperationTimeout, and the client polls until it is done', async () => {
    const { runner, server } = await setUp('ntlm', { operationTimeoutMaxMs: 150 });
    const result = await runner.run('sleep', ['1000']);
    expect(result.stdout.toString()).toBe('slept');
    expect(server.stats().faults[FaultCode.operationTimedOut]).toBeGreaterThanOrEqual(2);
  });

  it('terminates a command the caller gives up on, and the shell serves the next one', async () => {
    const { runner, server } = await setUp('basic', { operationTimeoutMaxMs: 100 });
    await expect(runner.run('sleep', ['2000'], { signal: AbortSignal.timeout(300) })).rejects.toBeInstanceOf(AbortedError);
    expect((await runner.run('echo', ['after'])).stdout.toString()).toBe('after');
    expect(server.stats().operations).toMatchObject({ create: 1, signal: 2 });
  });
});

describe('faults', () => {
  it('forgets a shell left idle past its timeout; the client sees 2150858843 and runs in a new shell', async () => {
    const { runner, server } = await setUp('ntlm', { shellIdleTimeoutMs: 500 });
    await runner.run('echo', ['one']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await runner.run('echo', ['two'])).stdout.toString()).toBe('two');
    const stats = server.stats();
    expect(stats.faults[FaultCode.shellNotFound]).toBe(2); // the Command, then the Delete of the lost shell
    expect(stats.operations.create).toBe(2);
  });

  it('refuses a shell beyond MaxShellsPerUser with the MSFT_WmiError quota fault', async () => {
    const { runner } = await setUp('basic', { maxShellsPerUser: 1 }, { maxShellsPerUser: 2 });
    const results = await Promise.allSettled([runner.run('sleep', ['300']), runner.run('sleep', ['300'])]);
    const refused = results.find((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(WmiQuotaError);
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ quota: 'shells', code: FaultCode.shellQuota });
  });

  it('refuses a command beyond MaxConcurrentOperationsPerUser, after the client tried a fresh shell once', async () => {
    const { runner, server } = await setUp('basic', { maxConcurrentOperationsPerUser: 1 }, { maxShellsPerUser: 2 });
    const results = await Promise.allSettled([runner.run('sleep', ['1500']), runner.run('sleep', ['1500'])]);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ quota: 'operations', code: FaultCode.operationsQuota });
    expect(server.stats().faults[FaultCode.operationsQuota]).toBe(2);
  });

  it('answers a failing command host with the provider fault, not a broken connection', async () => {
    const { runner } = await setUp('ntlm');
    const error = await runner.run('boom', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WSManFaultError);
    expect(error).toMatchObject({ code: 2150858755, machine: 'SIMULATOR' });
    expect((await runner.run('echo', ['still fine'])).stdout.toString()).toBe('still fine');
  });
});

describe('authentication', () => {
  it('seals every NTLM message over plain HTTP', async () => {
    const { runner, server } = await setUp('ntlm');
    await runner.run('echo', ['x']);
    const stats = server.stats();
    expect(stats.sealedRequests).toBe(stats.requests - stats.challenges);
    expect(stats.sealedRequests).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['ntlm', 'wrong password', { password: 'nope' }],
    ['ntlm', 'unknown user', { username: 'mallory' }],
    ['basic', 'wrong password', { password: 'nope' }],
  ] as const)('refuses %s with a %s as wrong credentials', async (scheme, _what, change) => {
    const { url } = await startServer({ allowUnencrypted: true });
    const base = { ...credentials, ...change };
    const auth = scheme === 'basic' ? { scheme, ...base, allowUnencryptedHttp: true } : { scheme, ...base };
    const runner = createWinrsRunner({ endpoint: url, auth });
    runners.push(runner);
    const error = await runner.run('echo', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ failure: 'wrong-credentials', scheme });
  });

  it('accepts the configured NTLM domain, none, or a local `.`, and refuses another domain', async () => {
    const { url } = await startServer({ auth: { ntlm: { ...credentials, domain: 'LAB' } } });
    const attempt = async (username: string) => {
      const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'ntlm', username, password: credentials.password } });
      runners.push(runner);
      return runner.run('echo', [username]).then((r) => r.stdout.toString(), (e: unknown) => (e as AuthenticationError).failure);
    };
    expect(await attempt('lab\\Operator')).toBe('lab\\Operator');
    expect(await attempt('operator')).toBe('operator');
    expect(await attempt('.\\operator')).toBe('.\\operator');
    expect(await attempt('OTHER\\operator')).toBe('wrong-credentials');
  });

  it('does not offer Basic over plain HTTP unless AllowUnencrypted, like Windows', async () => {
    const { url } = await startServer();
    const runner = createWinrsRunner({ endpoint: url, auth: { scheme: 'basic', ...credentials, allowUnencryptedHttp: true } });
    runners.push(runner);
    const error = await runner.run('echo', []).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'authentication', failure: 'unencrypted-refused', offered: ['Negotiate'] });
  });
});
