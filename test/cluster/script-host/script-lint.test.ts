/**
 * The cluster scripts, read as an admin auditing them would: each has a param() block, stops on
 * errors, prints exactly one JSON document with -Depth and -Compress, writes nothing to the host,
 * evaluates no strings, and raises only the error ids the client maps.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clusterScriptNames, loadClusterScripts, scriptErrorIds, type ClusterScriptName } from '../../../src/cluster/scripts/index.js';

const folder = fileURLToPath(new URL('../../../src/cluster/scripts/', import.meta.url));
const scripts = loadClusterScripts();

/** Code without comments (`# …` to the end of the line, `<# … #>` blocks); strings are kept. */
function code(text: string): string {
  return text.replace(/<#[\s\S]*?#>/g, '').split('\n').map((line) => line.replace(/(^|\s)#.*$/, '$1')).join('\n');
}

const each = clusterScriptNames.map((name) => [name, scripts[name]] as const);

test('the folder holds exactly the scripts the loader knows', () => {
  const files = readdirSync(folder).filter((file) => file.endsWith('.ps1')).map((file) => file.replace(/\.ps1$/, ''));
  expect(files.sort()).toEqual([...clusterScriptNames].sort());
});

describe.each(each)('%s.ps1', (name, text) => {
  const body = code(text);

  test('has comment-based help, [CmdletBinding()] and a param() block', () => {
    expect(text).toMatch(/^<#\r?\n\.SYNOPSIS/);
    expect(body).toMatch(/^\[CmdletBinding\(\)\]\r?\nparam\(/m);
  });

  test("sets $ErrorActionPreference = 'Stop' before doing anything", () => {
    const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
    const afterParam = lines.findIndex((line) => /^\$ErrorActionPreference = 'Stop'$/.test(line));
    expect(afterParam).toBeGreaterThan(0);
    expect(lines.slice(0, afterParam).some((line) => /\bGet-|\bSet-|\bMove-|\bSuspend-|\bResume-/.test(line))).toBe(false);
  });

  test('prints exactly one JSON document, with -Depth and -Compress, as its last statement', () => {
    const calls = body.match(/ConvertTo-Json[^\r\n]*/g) ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/-InputObject \S+ -Depth \d+ -Compress$/);
    expect(body.trimEnd().split(/\r?\n/).pop()).toBe(calls[0]);
  });

  test('a script that prints a list wraps it in @() so one item or none is still an array', () => {
    const lists: readonly ClusterScriptName[] = ['list-nodes', 'list-vms', 'get-vm', 'list-volumes', 'list-checkpoints', 'list-events'];
    if (lists.includes(name)) expect(body).toMatch(/ConvertTo-Json -InputObject @\(\$rows\)/);
    else expect(body).not.toMatch(/ConvertTo-Json -InputObject @\(/);
  });

  test('writes nothing to the host, reads nothing from it, and evaluates no strings', () => {
    expect(body).not.toMatch(/\bWrite-Host\b|\bRead-Host\b|\bWrite-Output\b|\bOut-Host\b/i);
    expect(body).not.toMatch(/\bInvoke-Expression\b|\biex\b|\[scriptblock\]::Create|\bAdd-Type\b|\bInvoke-Command\b|\bStart-Process\b/i);
    expect(body).not.toMatch(/\$ExecutionContext\.InvokeCommand/i);
  });

  test('is ASCII only (Windows PowerShell 5.1 reads a BOM-less file in the ANSI code page)', () => {
    const outside = [...text].filter((char) => !['\t', '\n', '\r'].includes(char) && (char < ' ' || char > '~'));
    expect(outside).toEqual([]);
  });

  test('raises only the error ids the client maps, through $PSCmdlet.ThrowTerminatingError', () => {
    const ids = [...body.matchAll(/New-ChatOpsError '(\w+)'/g)].map((match) => match[1] ?? '');
    for (const id of ids) expect(Object.keys(scriptErrorIds)).toContain(id);
    expect(body).not.toMatch(/^\s*throw\b/m);
    for (const line of body.split('\n').filter((l) => l.includes("New-ChatOpsError '"))) expect(line).toMatch(/\$PSCmdlet\.ThrowTerminatingError\(\(New-ChatOpsError/);
  });

  test('compares names with -eq, never with wildcard matching (-like, Get-VM -Name)', () => {
    expect(body).not.toMatch(/-like\b|-match\b|Get-VM\s+-Name/i);
  });
});

test('the scripts that change the cluster call the cmdlets the design names', () => {
  expect(code(scripts['migrate-vm'])).toMatch(/Move-ClusterVirtualMachineRole -Name \$name -Node \$target\.Name -MigrationType \$MigrationType -Wait 0/);
  expect(code(scripts['cancel-migration'])).toMatch(/Move-ClusterVirtualMachineRole -Name \$name -Cancel/);
  expect(code(scripts['pause-node'])).toMatch(/Suspend-ClusterNode -Name \$found\.Name \|/);
  expect(code(scripts['pause-node'])).not.toMatch(/-Drain/);
  expect(code(scripts['resume-node'])).toMatch(/Resume-ClusterNode -Name \$found\.Name -Failback \$Failback/);
  expect(code(scripts['watch-migration'])).toMatch(/-Namespace 'root\\virtualization\\v2' -ClassName Msvm_MigrationJob/);
  expect(code(scripts['watch-migration'])).toMatch(/\[int\]\$job\.JobState -eq 4/);
});

test('the loader reads each file once, as it is on disk', () => {
  for (const name of clusterScriptNames) {
    expect(scripts[name]).toBe(readFileSync(`${folder}${name}.ps1`, 'utf8'));
  }
  expect(loadClusterScripts()).toBe(scripts);
});
