/**
 * @module simulator/powershell/windows-command-line: a WinRS command as Windows runs it. WinRS
 * joins rsp:Command and rsp:Arguments into one command line for cmd.exe, which refuses a line
 * longer than 8191 characters ("The command line is too long.", Microsoft KB 830473), and the
 * program splits its arguments with CommandLineToArgvW's rules (quotes, and backslashes before a
 * quote). What is not powershell.exe answers as cmd.exe does for an unknown program (9009).
 */
import { CMD_EXE_MAX_COMMAND_LINE } from '../../../remoting/powershell/index.js';

export type WindowsCommand =
  | { readonly kind: 'powershell'; readonly args: readonly string[] }
  | { readonly kind: 'refused'; readonly stderr: string; readonly exitCode: number };

/** CommandLineToArgvW: whitespace separates; "…" groups; 2n backslashes + quote = n backslashes and a quote mark toggle. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === '\\') {
      let slashes = 0;
      while (line[i] === '\\') {
        slashes++;
        i++;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) current += '"';
        else quoted = !quoted;
      } else {
        current += '\\'.repeat(slashes);
        i--;
      }
      inWord = true;
    } else if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
      inWord = true;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

const POWERSHELL_NAMES = new Set(['powershell', 'powershell.exe']);

export function readWindowsCommand(executable: string, args: readonly string[]): WindowsCommand {
  const line = [executable, ...args].join(' ');
  if (line.length > CMD_EXE_MAX_COMMAND_LINE) return { kind: 'refused', stderr: 'The command line is too long.\r\n', exitCode: 1 };
  const [program = '', ...rest] = splitCommandLine(line);
  const base = program.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (POWERSHELL_NAMES.has(base)) return { kind: 'powershell', args: rest };
  const name = program.replace(/\.exe$/i, '');
  return {
    kind: 'refused',
    stderr: `'${name}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`,
    exitCode: 9009,
  };
}
