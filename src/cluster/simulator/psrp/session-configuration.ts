/**
 * @module simulator/psrp/session-configuration: the session a simulated node's PSRP endpoint
 * builds for a configuration name. `HyperVChatOps` is what docs/jea.md installs on a real node,
 * as pwsh can build it off Windows (`pwsh -s -ConfigurationFile`): RestrictedRemoteServer,
 * NoLanguage, the fake cluster modules and the HyperVChatOps module imported, only the role's
 * functions visible. `Microsoft.PowerShell` is a full session where the same modules autoload.
 */
import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jeaFunctions } from '../../jea/function-names.js';
import { FAKE_MODULES_DIR } from '../powershell/index.js';

/** The folder holding the HyperVChatOps module (a PSModulePath entry). */
export const JEA_MODULES_DIR = fileURLToPath(new URL('../../jea', import.meta.url));

export const JEA_CONFIGURATION = 'HyperVChatOps';
export const FULL_CONFIGURATION = 'Microsoft.PowerShell';

const FAKE_MODULES = ['FailoverClusters', 'Hyper-V', 'CimCmdlets', 'Microsoft.PowerShell.Diagnostics'];

export interface SessionConfigurationOptions {
  /** The functions the role shows; default every function the bot uses (tests leave one out). */
  readonly visibleFunctions?: readonly string[];
}

const quoted = (items: readonly string[]) => items.map((i) => `'${i.replace(/'/g, "''")}'`).join(', ');

/** The PSModulePath of the endpoint's pwsh: the fakes, then the HyperVChatOps module. */
export function endpointModulePath(): string {
  return [FAKE_MODULES_DIR, JEA_MODULES_DIR].join(delimiter);
}

/** Writes the .pssc for a JEA configuration into `dir` and returns its path. */
export function writeJeaSessionFile(dir: string, options: SessionConfigurationOptions = {}): string {
  const modules = [...FAKE_MODULES.map((m) => join(FAKE_MODULES_DIR, m)), join(JEA_MODULES_DIR, 'HyperVChatOps', 'HyperVChatOps.psd1')];
  const text = [
    '@{',
    "  SchemaVersion = '2.0.0.0'",
    "  SessionType = 'RestrictedRemoteServer'",
    "  LanguageMode = 'NoLanguage'",
    `  ModulesToImport = @(${quoted(modules)})`,
    `  VisibleFunctions = @(${quoted(options.visibleFunctions ?? jeaFunctions)})`,
    // As the role (HyperVChatOps.psrc): the functions read $env:COMPUTERNAME and $env:SystemRoot.
    "  VisibleProviders = 'Environment'",
    '}',
    '',
  ].join('\n');
  const path = join(dir, `${JEA_CONFIGURATION}.pssc`);
  writeFileSync(path, text);
  return path;
}
