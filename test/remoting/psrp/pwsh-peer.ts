/** @module test helper: a real PSRP peer, `pwsh -s` (the pinned PowerShell 7), as a client's transport. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOutOfProcessTransport } from '../../../src/remoting/psrp/out-of-process-transport.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `dotnet pwsh.dll` of the version pinned in .config/dotnet-tools.json (what `npm ci` restores). */
export function pwshCommand(): { file: string; prefix: string[] } {
  const version = (JSON.parse(readFileSync(join(root, '.config', 'dotnet-tools.json'), 'utf8')) as { tools: { powershell: { version: string } } }).tools.powershell.version;
  const dll = join(process.env.NUGET_PACKAGES ?? join(homedir(), '.nuget', 'packages'), 'powershell', version, 'tools', 'net10.0', 'any', 'unix', 'pwsh.dll');
  if (!existsSync(dll)) throw new Error(`PowerShell ${version} is not restored (run npm ci): ${dll}`);
  return { file: 'dotnet', prefix: [dll] };
}

/** A transport to a fresh `pwsh -s`; with a .pssc, the session is built from it (`-ConfigurationFile`). */
export function pwshServer(options: { configurationFile?: string; maxFragmentBlob?: number } = {}) {
  const { file, prefix } = pwshCommand();
  const config = options.configurationFile ? ['-ConfigurationFile', options.configurationFile] : [];
  return createOutOfProcessTransport({
    file,
    args: [...prefix, '-NoLogo', '-NoProfile', ...config, '-s'],
    env: { ...process.env, POWERSHELL_TELEMETRY_OPTOUT: '1', POWERSHELL_UPDATECHECK: 'Off', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    maxFragmentBlob: options.maxFragmentBlob,
  });
}
