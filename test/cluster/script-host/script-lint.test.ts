/**
 * The cluster scripts, read as an admin auditing them would: each has a param() block, stops on
 * errors, prints exactly one JSON document with -Depth and -Compress, writes nothing to the host,
 * evaluates no strings, and raises only the error ids the client maps. The helpers they share are in prelude.ps1, once: it only defines
 * functions, and no script defines a function of its own that another one also defines.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clusterScriptHelpers, clusterScriptNames, clusterScriptPrelude, loadClusterScripts, scriptErrorIds, type ClusterScriptName } from '../../../src/cluster/scripts/index.js';

const folder = fileURLToPath(new URL('../../../src/cluster/scripts/', import.meta.url));
const scripts = loadClusterScripts();

/** Code without comments (`# …` to the end of the line, `<# … #>` blocks); strings are kept. */
function code(text: string): string {
  return text.replace(/<#[\s\S]*?#>/g, '').split('\n').map((line) => line.replace(/(^|\s)#.*$/, '$1')).join('\n');
}

const each = clusterScriptNames.map((name) => [name, scripts[name]] as const);

test('the folder holds exactly the scripts the loader knows, and the prelude', () => {
  const files = readdirSync(folder).filter((file) => file.endsWith('.ps1')).map((file) => file.replace(/\.ps1$/, ''));
  expect(files.sort()).toEqual([...clusterScriptNames, 'prelude'].sort());
});

/** The names of the functions a text defines with `function Name {`. */
function functionsIn(text: string): string[] {
  return [...code(text).matchAll(/^\s*function\s+([\w-]+)/gm)].map((match) => match[1] ?? '');
}

describe('prelude.ps1, the helpers every script gets', () => {
  const prelude = readFileSync(`${folder}prelude.ps1`, 'utf8');
  const helpers = functionsIn(prelude);

  test('defines functions and nothing else: sent before every script, it must run nothing', () => {
    const topLevel = code(prelude).split(/\r?\n/).filter((line) => /^\S/.test(line));
    for (const line of topLevel) expect(line).toMatch(/^function [A-Z][A-Za-z]+-[A-Za-z]+ \{$|^\}$/);
    expect(helpers).toEqual(expect.arrayContaining(['New-ChatOpsError', 'Get-HResult', 'Get-PossibleOwners', 'Get-LocalMigrationJob']));
  });

  test('is ASCII only, writes nothing to the host and evaluates no strings', () => {
    expect([...prelude].filter((char) => !['\n', '\r'].includes(char) && (char < ' ' || char > '~'))).toEqual([]);
    expect(code(prelude)).not.toMatch(/\bWrite-Host\b|\bRead-Host\b|\bInvoke-Expression\b|\biex\b|\[scriptblock\]::Create|\bAdd-Type\b/i);
  });

  test('holds no line "& {", which would end it early on the wire', () => {
    expect(prelude.split(/\r?\n/)).not.toContain('& {');
  });

  test('holds no here-string or block comment, so its comment lines can be left off the wire', () => {
    expect(prelude).not.toMatch(/@'|@"|<#/);
  });

  test('is what the loader reads', () => {
    expect(clusterScriptPrelude()).toBe(prelude);
  });

  const calls = (text: string) => helpers.filter((helper) => new RegExp(`(^|[^\\w-])${helper}($|[^\\w-])`, 'm').test(code(text)));

  test.each(clusterScriptNames)('%s.ps1 names in its help exactly the helpers its code calls, and is sent with those and what they call', (name) => {
    const called = calls(scripts[name]);
    const help = /Needs the helpers of prelude\.ps1[^:]*:\s*([^.]*)\./.exec(scripts[name])?.[1]?.split(/,\s*/) ?? [];
    expect(help).toEqual(called);
    const sent = clusterScriptHelpers(name);
    expect(functionsIn(sent)).toEqual(expect.arrayContaining(called));
    // Any other helper sent is one a sent helper calls.
    for (const extra of functionsIn(sent).filter((f) => !called.includes(f))) expect(calls(sent.replace(new RegExp(`^function ${extra} \\{`, 'm'), ''))).toContain(extra);
  });

  test('each helper is called by some script or by a helper a script calls, and no script defines one again', () => {
    for (const helper of helpers) {
      expect(clusterScriptNames.filter((name) => functionsIn(clusterScriptHelpers(name)).includes(helper))).not.toEqual([]);
    }
    for (const name of clusterScriptNames) expect(functionsIn(scripts[name]).filter((f) => helpers.includes(f))).toEqual([]);
  });

  test('no function is defined in two scripts: a shared one belongs in the prelude', () => {
    const all = clusterScriptNames.flatMap((name) => functionsIn(scripts[name]));
    expect(all.filter((f, i) => all.indexOf(f) !== i)).toEqual([]);
  });
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

  test('reaches no other computer: no -ComputerName, -CimSession, -Cluster, remoting or splatted computer (no second hop)', () => {
    const withHelpers = `${code(clusterScriptHelpers(name))}\n${body}`;
    expect(withHelpers).not.toMatch(/-ComputerName\b|ComputerName\s*=|-CimSession\b|\s-Cluster\b|\bNew-PSSession\b|\bEnter-PSSession\b|\bNew-CimSession\b/i);
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
  // The watch reads this node's jobs through the prelude's Get-LocalMigrationJob.
  expect(code(scripts['watch-migration'])).toMatch(/Get-LocalMigrationJob \$vmId \$group\.Name/);
  expect(clusterScriptPrelude()).toMatch(/-Namespace 'root\\virtualization\\v2' -ClassName Msvm_MigrationJob/);
  expect(clusterScriptPrelude()).toMatch(/\[int\]\$_\.JobState -eq 4/);
});

test('the loader reads each file once, as it is on disk', () => {
  for (const name of clusterScriptNames) {
    expect(scripts[name]).toBe(readFileSync(`${folder}${name}.ps1`, 'utf8'));
  }
  expect(loadClusterScripts()).toBe(scripts);
});
