/**
 * Install-HyperVChatOpsEndpoint.ps1 and its uninstall, run by real PowerShell with WinRM's
 * session-configuration cmdlets stubbed (this is not Windows): -WhatIf changes nothing, the first
 * run installs and registers, a second run changes nothing, a gMSA re-registers, the generated
 * session configuration is valid and maps the bot's group to the role, uninstall removes it all.
 */
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pwshCommand } from '../../remoting/psrp/pwsh-peer.js';

jest.setTimeout(120_000);

test('install is idempotent with -WhatIf, registers the mapped role, and uninstall removes it', () => {
  const sandbox = mkdtempSync(join(tmpdir(), 'jea-install-'));
  try {
    const { file, prefix } = pwshCommand();
    const here = fileURLToPath(new URL('.', import.meta.url));
    const jeaDir = fileURLToPath(new URL('../../../src/cluster/jea', import.meta.url));
    const out = execFileSync(file, [...prefix, '-NoProfile', '-NonInteractive', '-File', join(here, 'install-endpoint.ps1'), '-JeaDir', jeaDir, '-Sandbox', sandbox], { encoding: 'utf8' });
    // -WhatIf writes to the host (stdout here), before the JSON.
    const start = out.indexOf('\n{') + 1;
    const whatIf = out.slice(0, start);
    const r = JSON.parse(out.slice(start)) as Record<string, unknown>;
    expect(whatIf).toContain('What if: Performing the operation "Install the HyperVChatOps module"');
    expect(whatIf).toContain('What if: Performing the operation "Register the JEA session configuration" on target "HyperVChatOps"');
    expect(r.filesAfterWhatIf).toBe(0);
    expect([r.first, r.second, r.gmsa]).toEqual([true, false, true]);
    expect(r.moduleInstalled).toBe(true);
    expect(r.valid).toBe(true);
    expect(r.shippedValid).toBe(true);
    expect(r.pssc).toMatch(/SessionType = 'RestrictedRemoteServer'/);
    expect(r.pssc).toMatch(/LanguageMode = 'NoLanguage'/);
    expect(r.pssc).toMatch(/'CONTOSO\\Bots' = @\{\s*'RoleCapabilities' = 'HyperVChatOps'/);
    expect(r.pssc).toMatch(/GroupManagedServiceAccount = 'CONTOSO\\hvchatops\$'/);
    expect(r.pssc).toMatch(/TranscriptDirectory = /);
    expect(r.callsBeforeUninstall).toEqual(['register HyperVChatOps', 'restart WinRM', 'unregister HyperVChatOps', 'register HyperVChatOps', 'restart WinRM']);
    expect((r.calls as string[]).slice(-2)).toEqual(['unregister HyperVChatOps', 'restart WinRM']);
    expect(r.leftAfterUninstall).toBe(0);
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
});
