import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult, CommandRunner, RunOptions } from '../../../src/remoting/command-runner.js';
import { encodeClixml } from '../../../src/remoting/powershell/clixml.js';
import { decodePowerShellCommand } from '../../../src/remoting/powershell/encoded-command.js';
import { PowerShellError, QuotingError } from '../../../src/remoting/powershell/errors.js';
import { parseScriptInvocation, type ParsedInvocation } from '../../../src/remoting/powershell/invocation.js';
import { createPowerShellRunner } from '../../../src/remoting/powershell/run-script.js';

const FIXTURES = join(process.cwd(), 'test/remoting/powershell/fixtures/pypsrp');
const BODY = 'param([string]$Name)\nGet-VM -Name $Name | ConvertTo-Json -Compress';

interface Call {
  executable: string;
  args: readonly string[];
  options: RunOptions | undefined;
  invocation: ParsedInvocation;
}

/** The network edge: a runner that decodes the command like a Windows host would and answers as told. */
function fakeRunner(answer: (invocation: ParsedInvocation) => Partial<CommandResult>): CommandRunner & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(executable, args, options) {
      const { script } = decodePowerShellCommand(executable, args, options?.stdin);
      const invocation = parseScriptInvocation(script);
      calls.push({ executable, args, options, invocation });
      return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 0, ...answer(invocation) };
    },
    async close() {},
  };
}

describe('runScript', () => {
  test('exit 0: stdout decoded as UTF-8, the arguments arrived as literals', async () => {
    const runner = fakeRunner((inv) => ({
      stdout: Buffer.from(`${JSON.stringify({ name: inv.args.Name, node: 'ノード1' })}\r\n`, 'utf8'),
    }));
    const result = await createPowerShellRunner(runner).runScript(BODY, { Name: "vm'42" });
    expect(JSON.parse(result.stdout)).toEqual({ name: "vm'42", node: 'ノード1' });
    expect(runner.calls[0]?.invocation.body).toBe(BODY);
    expect(runner.calls[0]?.args.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand']);
  });

  test('exit 0 with error records and warnings on stderr is still a success; errors kept as warnings', async () => {
    const stderr = encodeClixml({
      progress: ['Preparing modules for first use.'],
      warnings: ['node2 is paused'],
      errors: [{ message: 'a non-terminating error', category: 'InvalidData' }],
      verbose: ['checked 3 nodes'],
    });
    const runner = fakeRunner(() => ({ stdout: Buffer.from('[]'), stderr: Buffer.from(stderr) }));
    const result = await createPowerShellRunner(runner).runScript(BODY, { Name: 'vm1' });
    expect(result).toEqual({
      stdout: '[]',
      warnings: ['node2 is paused', 'a non-terminating error'],
      verbose: ['checked 3 nodes'],
    });
  });

  test('a non-zero exit is a PowerShellError with the decoded error record (pypsrp fixture)', async () => {
    const stderr = readFileSync(join(FIXTURES, 'test_sanitise_clixml_with_error.xml'));
    const runner = fakeRunner(() => ({ stderr, exitCode: 1 }));
    const error = await createPowerShellRunner(runner)
      .runScript(BODY, { Name: 'vm1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerShellError);
    const ps = error as PowerShellError;
    expect(ps.exitCode).toBe(1);
    expect(ps.category).toBe('ObjectNotFound');
    expect(ps.fullyQualifiedErrorId).toBe('CommandNotFoundException');
    expect(ps.targetName).toBe('fake');
    expect(ps.message).toMatch(/^fake : The term 'fake' is not recognized .* Check the spelling/);
    expect(ps.errorRecords).toHaveLength(1);
  });

  test('a non-zero exit with plain stderr, or none, still fails', async () => {
    const plain = fakeRunner(() => ({ stderr: Buffer.from('The command line is too long.\r\n'), exitCode: 255 }));
    await expect(createPowerShellRunner(plain).runScript(BODY, { Name: 'x' })).rejects.toMatchObject({
      exitCode: 255,
      message: 'The command line is too long.',
      errorRecords: [],
    });
    const silent = fakeRunner(() => ({ exitCode: 3 }));
    await expect(createPowerShellRunner(silent).runScript(BODY, { Name: 'x' })).rejects.toMatchObject({
      exitCode: 3,
      message: 'PowerShell exited with code 3 and wrote no error',
    });
  });

  test('a hostile value is refused before the runner is called', async () => {
    const runner = fakeRunner(() => ({}));
    await expect(createPowerShellRunner(runner).runScript(BODY, { Name: 'vm1\nStop-Computer' })).rejects.toBeInstanceOf(
      QuotingError,
    );
    expect(runner.calls).toHaveLength(0);
  });

  test('a long script goes over stdin behind the bootstrap and arrives intact', async () => {
    const longBody = `${BODY}\n${'# padding ✓\n'.repeat(400)}`;
    const runner = fakeRunner(() => ({ stdout: Buffer.from('ok') }));
    await createPowerShellRunner(runner).runScript(longBody, { Name: 'vm1' });
    const call = runner.calls[0];
    expect(call?.options?.stdin).toBeDefined();
    expect(call?.invocation).toEqual({ helpers: '', body: longBody, args: { Name: 'vm1' } });
  });

  test('helpers given with the script travel before it, in the same command', async () => {
    const helpers = 'function Get-Helped { "helped" }';
    const runner = fakeRunner(() => ({ stdout: Buffer.from('ok') }));
    await createPowerShellRunner(runner).runScript(BODY, { Name: 'vm1' }, { helpers });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.invocation).toEqual({ helpers, body: BODY, args: { Name: 'vm1' } });
  });

  test('signal and timeout reach the runner', async () => {
    const runner = fakeRunner(() => ({}));
    const controller = new AbortController();
    await createPowerShellRunner(runner).runScript(BODY, { Name: 'x' }, { signal: controller.signal, timeoutMs: 1234 });
    expect(runner.calls[0]?.options).toMatchObject({ signal: controller.signal, timeoutMs: 1234 });
  });

  test('the logger sees neither the script body nor the argument values', async () => {
    const logged: unknown[] = [];
    const logger = { debug: (obj: object, msg?: string) => logged.push({ obj, msg }) };
    const runner = fakeRunner(() => ({ stdout: Buffer.from('{}') }));
    await createPowerShellRunner(runner, { logger }).runScript(BODY, { Name: 'secret-vm-name' });
    const text = JSON.stringify(logged);
    expect(logged.length).toBeGreaterThan(0);
    expect(text).toContain('Name');
    expect(text).not.toContain('secret-vm-name');
    expect(text).not.toContain('Get-VM');
  });

  test('the logger does not see the helpers either', async () => {
    const logged: unknown[] = [];
    const logger = { debug: (obj: object, msg?: string) => logged.push({ obj, msg }) };
    const runner = fakeRunner(() => ({ stdout: Buffer.from('{}') }));
    await createPowerShellRunner(runner, { logger }).runScript(BODY, {}, { helpers: 'function Get-SecretHelper { 1 }' });
    expect(JSON.stringify(logged)).not.toContain('Get-SecretHelper');
  });
});
