import {
  CMD_EXE_MAX_COMMAND_LINE,
  commandLineLength,
  decodeEncodedCommand,
  decodePowerShellCommand,
  encodeScript,
  maxInlineScriptLength,
  planPowerShellCommand,
  STDIN_BOOTSTRAP,
} from '../../../src/remoting/powershell/encoded-command.js';

describe('planPowerShellCommand', () => {
  test('encodes as UTF-16LE base64, like pywinrm (its run_ps_request fixture)', () => {
    expect(encodeScript('Write-Error "Error"')).toBe('VwByAGkAdABlAC0ARQByAHIAbwByACAAIgBFAHIAcgBvAHIAIgA=');
  });

  test('a short script runs inline with -NoProfile -NonInteractive -EncodedCommand', () => {
    const command = planPowerShellCommand('Get-Date');
    expect(command.executable).toBe('powershell.exe');
    expect(command.args).toEqual(['-NoProfile', '-NonInteractive', '-EncodedCommand', encodeScript('Get-Date')]);
    expect(command.stdin).toBeUndefined();
  });

  test('the inline limit is computed from cmd.exe’s 8191 characters: 3049 code units', () => {
    // research/winrm.md 2.1: 58 characters of prefix, 8133 of base64, 6099 bytes, 3049 UTF-16 code units.
    expect(maxInlineScriptLength()).toBe(3049);
    const longest = planPowerShellCommand('a'.repeat(3049));
    expect(longest.stdin).toBeUndefined();
    expect(commandLineLength(longest.executable, longest.args)).toBeLessThanOrEqual(CMD_EXE_MAX_COMMAND_LINE);
    const inlineOneMore = ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodeScript('a'.repeat(3050))];
    expect(commandLineLength('powershell.exe', inlineOneMore)).toBeGreaterThan(CMD_EXE_MAX_COMMAND_LINE);
  });

  test('one code unit past the limit switches to the stdin bootstrap, with the script as UTF-8', () => {
    const script = `${'a'.repeat(3047)}ü😀`; // 3050 code units, a non-BMP character counting two
    const command = planPowerShellCommand(script);
    expect(command.args.at(-1)).toBe(encodeScript(STDIN_BOOTSTRAP));
    expect(command.stdin?.toString('utf8')).toBe(script);
    expect(commandLineLength(command.executable, command.args)).toBeLessThan(1000);
  });

  test('the limit can be lowered', () => {
    const limit = 500;
    const fits = 'x'.repeat(maxInlineScriptLength(limit));
    expect(planPowerShellCommand(fits, { maxCommandLine: limit }).stdin).toBeUndefined();
    expect(planPowerShellCommand(`${fits}x`, { maxCommandLine: limit }).stdin).toBeDefined();
  });
});

describe('decodeEncodedCommand', () => {
  const script = "Get-VM -Name 'ノード 😀'\r\nexit 3";
  const encoded = encodeScript(script);

  test.each([
    ['our own form', 'powershell.exe', ['-NoProfile', '-NonInteractive', '-EncodedCommand', encoded]],
    ['pywinrm: all in the command', `powershell -encodedcommand ${encoded}`, []],
    ['Ansible: one arguments element', 'PowerShell', [`-NoProfile -NonInteractive -ExecutionPolicy Unrestricted -EncodedCommand ${encoded}`]],
    ['a full path', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', ['-enc', encoded]],
    ['-e', 'powershell', ['-e', encoded]],
    ['/EncodedCommand', 'powershell.exe', ['/EncodedCommand', encoded]],
  ])('reads %s', (_label, executable, args) => {
    expect(decodeEncodedCommand(executable, args)).toBe(script);
  });

  test.each([
    ['cmd.exe', ['/c', 'echo', 'hi'], 'not-powershell'],
    ['powershell.exe', ['-Command', 'Get-Date'], 'no-encoded-command'],
    ['powershell.exe', ['-EncodedCommand'], 'no-encoded-command'],
    ['powershell.exe', ['-EncodedCommand', 'not*base64'], 'invalid-base64'],
    ['powershell.exe', ['-EncodedCommand', 'YQ=='], 'invalid-base64'],
  ])('%s %j is refused (%s)', (executable, args, code) => {
    expect(() => decodeEncodedCommand(executable, args)).toThrow(expect.objectContaining({ code }));
  });
});

describe('decodePowerShellCommand', () => {
  test('round-trips a short and a long script', () => {
    for (const script of ['Get-Date', `# ${'long '.repeat(2000)}\n@'\nhere ✓\n'@`]) {
      const command = planPowerShellCommand(script);
      const decoded = decodePowerShellCommand(command.executable, command.args, command.stdin);
      expect(decoded.script).toBe(script);
      expect(decoded.via).toBe(command.stdin ? 'stdin' : 'encoded-command');
    }
  });

  test('recognises the bootstrap and needs stdin with it, as UTF-8', () => {
    const args = ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodeScript(STDIN_BOOTSTRAP)];
    expect(() => decodePowerShellCommand('powershell.exe', args)).toThrow(expect.objectContaining({ code: 'missing-stdin' }));
    expect(() => decodePowerShellCommand('powershell.exe', args, Buffer.from([0xc3, 0x28]))).toThrow(
      expect.objectContaining({ code: 'invalid-utf8' }),
    );
    expect(decodePowerShellCommand('powershell.exe', args, Buffer.from('\uFEFFGet-Date', 'utf8')).script).toBe('Get-Date');
  });
});
