/**
 * @module remoting/powershell/encoded-command: the command line that runs a script:
 * `powershell.exe -NoProfile -NonInteractive -EncodedCommand <UTF-16LE base64>` when it fits in
 * cmd.exe's limit, otherwise a small fixed bootstrap (same form) that reads the script from stdin
 * as UTF-8. And the reverse, for the simulator's server.
 */
import { EncodedCommandError } from './errors.js';

export const POWERSHELL_EXECUTABLE = 'powershell.exe';
export const POWERSHELL_OPTIONS = ['-NoProfile', '-NonInteractive', '-EncodedCommand'] as const;

/**
 * cmd.exe's longest command line, 8191 characters (Microsoft KB 830473). WinRS runs the command
 * through cmd.exe unless WINRS_SKIP_CMD_SHELL is set; past this the output is "The command line
 * is too long." (research/winrm.md 2.1).
 */
export const CMD_EXE_MAX_COMMAND_LINE = 8191;

/**
 * Run with -EncodedCommand when the script itself does not fit: reads all of stdin as UTF-8
 * (bytes, so no console code page is involved) and runs it as a script block. Like Ansible's
 * pipelining bootstrap, but without `$input`, whose line splitting would rewrite line endings.
 */
export const STDIN_BOOTSTRAP =
  "$ProgressPreference = 'SilentlyContinue'\n" +
  '$stdin = [System.IO.StreamReader]::new([Console]::OpenStandardInput(), [System.Text.UTF8Encoding]::new($false))\n' +
  '& ([scriptblock]::Create($stdin.ReadToEnd()))\n';

export interface PowerShellCommand {
  readonly executable: string;
  readonly args: readonly string[];
  /** The script as UTF-8, when it travels on stdin behind the bootstrap. */
  readonly stdin?: Buffer;
}

export interface PlanCommandOptions {
  /** Longest command line allowed; default CMD_EXE_MAX_COMMAND_LINE. */
  readonly maxCommandLine?: number;
}

/** Characters of `executable arg1 arg2 …` as cmd.exe sees it. */
export function commandLineLength(executable: string, args: readonly string[]): number {
  return args.reduce((total, arg) => total + 1 + arg.length, executable.length);
}

export function encodeScript(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

const PREFIX_LENGTH = commandLineLength(POWERSHELL_EXECUTABLE, [...POWERSHELL_OPTIONS]) + 1;

/**
 * Longest script (UTF-16 code units; a non-BMP character counts two) that still runs inline:
 * 3049 for 8191 (58 characters of prefix, 8133 of base64, 6099 bytes of UTF-16LE).
 */
export function maxInlineScriptLength(maxCommandLine = CMD_EXE_MAX_COMMAND_LINE): number {
  const base64Budget = maxCommandLine - PREFIX_LENGTH;
  return Math.floor((Math.floor(base64Budget / 4) * 3) / 2);
}

/** The command that runs `script`: inline if it fits, else the stdin bootstrap with the script as stdin. */
export function planPowerShellCommand(script: string, options: PlanCommandOptions = {}): PowerShellCommand {
  const limit = options.maxCommandLine ?? CMD_EXE_MAX_COMMAND_LINE;
  const inline = [...POWERSHELL_OPTIONS, encodeScript(script)];
  if (commandLineLength(POWERSHELL_EXECUTABLE, inline) <= limit) {
    return { executable: POWERSHELL_EXECUTABLE, args: inline };
  }
  return {
    executable: POWERSHELL_EXECUTABLE,
    args: [...POWERSHELL_OPTIONS, encodeScript(STDIN_BOOTSTRAP)],
    stdin: Buffer.from(script, 'utf8'),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isPowerShellExecutable(word: string): boolean {
  const base = word.replace(/^"|"$/g, '').split(/[\\/]/).pop()?.toLowerCase();
  return base === 'powershell' || base === 'powershell.exe';
}

/** `-EncodedCommand` and the abbreviations Windows PowerShell accepts for it (-e, -ec, -enc, …). */
function isEncodedCommandFlag(word: string): boolean {
  if (!/^[-/]/.test(word)) return false;
  const name = word.slice(1).toLowerCase();
  return name === 'e' || name === 'ec' || (name.length >= 2 && 'encodedcommand'.startsWith(name));
}

/**
 * The script text of an encoded-command line. WinRS clients split the line differently (pywinrm
 * puts it all in rsp:Command, Ansible in one rsp:Arguments), so the words are re-split on blanks.
 */
export function decodeEncodedCommand(executable: string, args: readonly string[]): string {
  const words = [executable, ...args].flatMap((part) => part.split(/[ \t]+/)).filter((word) => word !== '');
  if (!isPowerShellExecutable(words[0] ?? '')) {
    throw new EncodedCommandError('not-powershell', 'the command is not powershell.exe');
  }
  const flag = words.findIndex((word, index) => index > 0 && isEncodedCommandFlag(word));
  const encoded = flag > 0 ? words[flag + 1] : undefined;
  if (encoded === undefined) {
    throw new EncodedCommandError('no-encoded-command', 'the command has no -EncodedCommand argument');
  }
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    throw new EncodedCommandError('invalid-base64', 'the -EncodedCommand argument is not base64');
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % 2 !== 0) {
    throw new EncodedCommandError('invalid-base64', 'the -EncodedCommand argument is not UTF-16LE (odd length)');
  }
  return bytes.toString('utf16le');
}

export interface DecodedPowerShellCommand {
  readonly script: string;
  readonly via: 'encoded-command' | 'stdin';
}

/** The script a command runs: the encoded command itself, or stdin (UTF-8) behind the bootstrap. */
export function decodePowerShellCommand(
  executable: string,
  args: readonly string[],
  stdin?: Buffer,
): DecodedPowerShellCommand {
  const script = decodeEncodedCommand(executable, args);
  if (script !== STDIN_BOOTSTRAP) return { script, via: 'encoded-command' };
  if (stdin === undefined) {
    throw new EncodedCommandError('missing-stdin', 'the stdin bootstrap was run without a script on stdin');
  }
  try {
    return { script: new TextDecoder('utf-8', { fatal: true }).decode(stdin), via: 'stdin' };
  } catch {
    throw new EncodedCommandError('invalid-utf8', 'the script on stdin is not valid UTF-8');
  }
}
