/**
 * @module scripts/powershell-tools: where the pinned PowerShell and Pester are on this machine.
 * `pwsh` on PATH wins; otherwise the PowerShell .NET tool pinned in .config/dotnet-tools.json,
 * restored into the NuGet packages folder by `dotnet tool restore`. Plain JavaScript so that
 * npm's lifecycle scripts can use it before anything is compiled.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PESTER_VERSION = '5.7.1';

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export function nugetPackagesFolder() {
  return process.env.NUGET_PACKAGES ?? join(homedir(), '.nuget', 'packages');
}

export function pinnedPowerShellVersion() {
  const manifest = JSON.parse(readFileSync(join(projectRoot, '.config', 'dotnet-tools.json'), 'utf8'));
  return manifest.tools.powershell.version;
}

/** The command that starts PowerShell: `{ file, prefixArgs }`, or undefined when there is none. */
export function findPwsh() {
  const fromPath = onPath('pwsh');
  if (fromPath) return { file: fromPath, prefixArgs: [], source: 'PATH' };
  const dotnet = onPath('dotnet');
  const dll = join(nugetPackagesFolder(), 'powershell', pinnedPowerShellVersion(), 'tools', 'net10.0', 'any', 'unix', 'pwsh.dll');
  if (dotnet && existsSync(dll)) return { file: dotnet, prefixArgs: [dll], source: 'dotnet tool' };
  return undefined;
}

export function findPester() {
  const psd1 = join(nugetPackagesFolder(), 'pester', PESTER_VERSION, 'tools', 'Pester.psd1');
  return existsSync(psd1) ? psd1 : undefined;
}

export function hasDotnet() {
  return onPath('dotnet') !== undefined;
}

export function restorePowerShellTools(log = console.error) {
  const opts = { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] };
  execFileSync('dotnet', ['tool', 'restore'], opts);
  execFileSync('dotnet', ['restore', join('tools', 'pester', 'pester.csproj'), '--verbosity', 'quiet'], opts);
  if (!findPwsh()) log('hyperv-chatops: dotnet tool restore ran, but the pinned PowerShell was not found.');
}

export const INSTALL_HINT =
  'hyperv-chatops needs PowerShell 7: install the .NET 10 SDK (dotnet) and run npm ci again, or put pwsh on PATH.';
