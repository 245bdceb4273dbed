/**
 * @module simulator/powershell/find-pwsh: how to start PowerShell 7 on this machine: `pwsh` on
 * PATH first, else the PowerShell .NET tool pinned in .config/dotnet-tools.json as `dotnet tool
 * restore` left it in the NuGet packages folder (the same rules as scripts/powershell-tools.mjs,
 * which npm's set-up uses before anything is compiled).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PwshCommand {
  readonly file: string;
  /** Arguments before PowerShell's own (the pwsh.dll for `dotnet`). */
  readonly prefixArgs: readonly string[];
  readonly source: 'PATH' | 'dotnet tool';
}

export class PowerShellMissingError extends Error {
  override readonly name = 'PowerShellMissingError';
  constructor() {
    super('hyperv-chatops needs PowerShell 7: install the .NET 10 SDK (dotnet) and run npm ci again, or put pwsh on PATH.');
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The manifest beside the project: up from this file until .config/dotnet-tools.json (src/ or dist/src/). */
function pinnedVersion(): string | undefined {
  let dir = new URL('.', import.meta.url).pathname;
  for (let i = 0; i < 8; i++) {
    const manifest = join(dir, '.config', 'dotnet-tools.json');
    if (existsSync(manifest)) {
      const tools = (JSON.parse(readFileSync(manifest, 'utf8')) as { tools?: { powershell?: { version?: string } } }).tools;
      return tools?.powershell?.version;
    }
    dir = join(dir, '..');
  }
  return undefined;
}

let found: PwshCommand | undefined;

/** The PowerShell to start, or PowerShellMissingError with the one line that says what to install. */
export function findPwsh(): PwshCommand {
  if (found) return found;
  const fromPath = onPath('pwsh');
  if (fromPath) return (found = { file: fromPath, prefixArgs: [], source: 'PATH' });
  const dotnet = onPath('dotnet');
  const version = pinnedVersion();
  const packages = process.env.NUGET_PACKAGES ?? join(homedir(), '.nuget', 'packages');
  const dll = version ? join(packages, 'powershell', version, 'tools', 'net10.0', 'any', 'unix', 'pwsh.dll') : undefined;
  if (dotnet && dll && existsSync(dll)) return (found = { file: dotnet, prefixArgs: [dll], source: 'dotnet tool' });
  throw new PowerShellMissingError();
}
