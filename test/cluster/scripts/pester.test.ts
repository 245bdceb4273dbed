/**
 * The cluster scripts' own branches, tested in PowerShell: every Pester file under pester/ runs
 * once, in one pwsh process with the pinned Pester, against stand-ins for the cluster cmdlets
 * (Mocked per test). Each script and the prelude has its file, and each refusal id a script can
 * raise (HyperVChatOps.*) has a passing test that names it.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterScript, clusterScriptNames } from '../../../src/cluster/scripts/index.js';
import { powershellTools, runPwsh } from './pwsh.js';

jest.setTimeout(600_000);

interface PesterTest {
  readonly file: string;
  readonly path: string;
  readonly name: string;
  readonly result: string;
  readonly message: string | null;
}

interface PesterSummary {
  readonly pester: string;
  readonly durationMs: number;
  readonly tests: readonly PesterTest[];
  readonly containers: ReadonlyArray<{ file: string; result: string; message: string | null }>;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const folder = join(here, 'pester');
let summary: PesterSummary;

beforeAll(async () => {
  const pester = (await powershellTools()).findPester();
  if (!pester) throw new Error('the pinned Pester is not restored: run npm ci (it restores tools/pester/pester.csproj)');
  const dir = mkdtempSync(join(tmpdir(), 'pester-'));
  try {
    const outFile = join(dir, 'summary.json');
    const run = await runPwsh(['-NoProfile', '-NonInteractive', '-File', join(here, 'run-pester.ps1'), '-Pester', pester, '-Path', folder, '-OutFile', outFile]);
    if (run.exitCode !== 0) throw new Error(`Invoke-Pester did not run (exit ${run.exitCode}): ${run.stderr || run.stdout}`);
    summary = JSON.parse(readFileSync(outFile, 'utf8')) as PesterSummary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every Pester test passes, with the pinned Pester', () => {
  expect(summary.pester).toBe('5.7.1');
  const failed = summary.tests.filter((t) => t.result !== 'Passed').map((t) => `${t.file} › ${t.path}: ${t.result} ${t.message ?? ''}`);
  const broken = summary.containers.map((c) => `${c.file}: ${c.result} ${c.message ?? ''}`);
  expect([...broken, ...failed]).toEqual([]);
});

test('each cluster script, and the prelude, has its Pester file, and it runs tests', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.Tests.ps1'));
  expect(files.sort()).toEqual([...clusterScriptNames, 'prelude'].map((name) => `${name}.Tests.ps1`).sort());
  for (const file of files) expect(summary.tests.filter((t) => t.file === file).length).toBeGreaterThan(0);
});

/** The ids a script raises: `New-ChatOpsError 'VmNotFound'` outside comments. */
function refusalIds(text: string): string[] {
  const code = text.replace(/<#[\s\S]*?#>/g, '').replace(/(^|\s)#.*$/gm, '$1');
  return [...new Set([...code.matchAll(/New-ChatOpsError '(\w+)'/g)].map((m) => `HyperVChatOps.${m[1] ?? ''}`))];
}

test.each(clusterScriptNames)('%s.ps1: each refusal id it raises has a passing Pester test naming it', (name) => {
  const passed = summary.tests.filter((t) => t.file === `${name}.Tests.ps1` && t.result === 'Passed');
  const untested = refusalIds(clusterScript(name)).filter((id) => !passed.some((t) => t.name.includes(id)));
  expect(untested).toEqual([]);
});
