/** @module test/ps51-compat/check-sources: runs find-newer-syntax.ps1 in the pinned pwsh over PowerShell sources. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { aliases, newerCommands, newerEncodings, newerParameters, newerVariables } from './newer-than-51.js';

const checker = fileURLToPath(new URL('./find-newer-syntax.ps1', import.meta.url));

export interface Finding {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly since: string;
  readonly text: string;
}

export interface Source {
  readonly name: string;
  readonly text: string;
}

interface PwshCommand {
  readonly file: string;
  readonly prefixArgs: readonly string[];
}

async function pwsh(): Promise<PwshCommand> {
  const tools = (await import('../../../scripts/powershell-tools.mjs' as string)) as { findPwsh(): PwshCommand | undefined; INSTALL_HINT: string };
  const found = tools.findPwsh();
  if (!found) throw new Error(tools.INSTALL_HINT);
  return found;
}

/** Every construct in `sources` that Windows PowerShell 5.1 cannot run, as the real parser sees it. */
export async function findNewerThan51(sources: readonly Source[]): Promise<Finding[]> {
  const { file, prefixArgs } = await pwsh();
  const input = JSON.stringify({
    sources,
    parameters: newerParameters.map(({ command, parameter, since }) => ({ command, parameter, since })),
    commands: newerCommands,
    variables: newerVariables,
    encodings: newerEncodings,
    aliases,
  });
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(file, [...prefixArgs, '-NoProfile', '-NonInteractive', '-File', checker], { maxBuffer: 16 * 1024 * 1024 }, (error, out, err) =>
      error ? reject(new Error(`find-newer-syntax.ps1 failed: ${err || error.message}`)) : resolve(out),
    );
    child.stdin?.end(input);
  });
  return JSON.parse(stdout) as Finding[];
}
