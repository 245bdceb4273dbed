/**
 * Windows Server 2016–2025 run the cluster scripts in Windows PowerShell 5.1. The real PowerShell
 * parser (the pinned pwsh) reads every .ps1 under src/cluster/scripts, and the walk refuses syntax
 * newer than 5.1 and parameters, cmdlets, variables and encodings 5.1 lacks. The same walk is fed
 * one known-bad snippet per rule, to show that it does catch each. Limits: parameters passed by
 * splatting (`Get-VM @where`) or positionally are not seen; .NET methods are checked only for the
 * overloads named in find-newer-syntax.ps1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNewerThan51, type Finding } from './check-sources.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const scriptsFolder = join(root, 'src', 'cluster', 'scripts');

/** Every .ps1 in the folder and below it (a prelude or modules may sit in sub-folders). */
function everyScript() {
  const files = readdirSync(scriptsFolder, { recursive: true, encoding: 'utf8' }).filter((file) => file.toLowerCase().endsWith('.ps1'));
  return files.sort().map((file) => ({ name: relative(root, join(scriptsFolder, file)), text: readFileSync(join(scriptsFolder, file), 'utf8') }));
}

/** One snippet per rule, each valid PowerShell 7 that 5.1 cannot run, with the rule the walk must name. */
const knownBad: ReadonlyArray<readonly [string, RegExp]> = [
  ['$a = $x ? 1 : 2', /ternary/],
  ['$a = $x ?? 5', /null-coalescing operator \?\?/],
  ['$a ??= 5', /null-coalescing assignment/],
  ['${vm}?.Stop()', /null-conditional member/],
  ['$first = ${list}?[0]', /null-conditional index/],
  ['Get-VM && Write-Warning ok', /pipeline chain/],
  ['Get-VM || exit 1', /pipeline chain/],
  ['Get-VM &', /background operator/],
  ['function F { process { 1 } clean { 2 } }', /clean block/],
  ['$s = "red`e[0m"', /escape/],
  ['$s = "snow `u{2603}"', /escape/],
  ['1..3 | ForEach-Object -Parallel { $_ }', /ForEach-Object -Parallel/],
  ['1..3 | % -Parallel { $_ } -ThrottleLimit 2', /ForEach-Object -Parallel/],
  ['ConvertTo-Json -InputObject $x -EnumsAsStrings', /ConvertTo-Json -EnumsAsStrings/],
  ['ConvertTo-Json -InputObject $x -AsArray -Compress', /ConvertTo-Json -AsArray/],
  ['$x | ConvertTo-Json -Enums', /ConvertTo-Json -EnumsAsStrings/],
  ['$h = $text | ConvertFrom-Json -AsHashtable', /ConvertFrom-Json -AsHashtable/],
  ['$b = Get-Content -Path f -AsByteStream', /Get-Content -AsByteStream/],
  ['$t = gc f -AsByteStream', /Get-Content -AsByteStream/],
  ['Set-Content -Path f -Value 1 -Encoding utf8NoBOM', /-Encoding utf8NoBOM/],
  ['Out-File -FilePath f -Encoding:utf8BOM', /-Encoding utf8BOM/],
  ['Get-VM | Sort-Object Name -Top 3', /Sort-Object -Top/],
  ['Get-VM | Where-Object -Not Clustered', /Where-Object -Not/],
  ["$parts = $line.Split(', ')", /String.Split with a string separator/],
  ["if ($m.Contains('fail', [StringComparison]::OrdinalIgnoreCase)) { 1 }", /String.Contains with a StringComparison/],
  ['Get-Error', /command Get-Error/],
  ['if ($IsWindows) { 1 }', /\$IsWindows/],
  ['Invoke-RestMethod -Uri $u -SkipCertificateCheck', /Invoke-RestMethod -SkipCertificateCheck/],
];

let scriptFindings: Finding[];
let badFindings: Finding[];
const scripts = everyScript();

beforeAll(async () => {
  scriptFindings = await findNewerThan51(scripts);
  badFindings = await findNewerThan51(knownBad.map(([text], index) => ({ name: `bad-${index}`, text })));
}, 60_000);

it('walks every script in the folder, and the prelude sent before them', () => {
  expect(scripts.length).toBeGreaterThanOrEqual(15);
  expect(scripts.map((s) => s.name)).toContain(join('src', 'cluster', 'scripts', 'migrate-vm.ps1'));
  expect(scripts.map((s) => s.name)).toContain(join('src', 'cluster', 'scripts', 'prelude.ps1'));
});

it('finds nothing in the cluster scripts that Windows PowerShell 5.1 cannot run', () => {
  const report = scriptFindings.map((f) => `${f.name}:${f.line}:${f.column} ${f.rule} (PowerShell ${f.since}): ${f.text}`);
  expect(report).toEqual([]);
});

describe.each(knownBad.map(([text, rule], index) => [text, rule, index] as const))('the walk refuses %s', (_text, rule, index) => {
  it(`naming ${rule.source}`, () => {
    const found = badFindings.filter((f) => f.name === `bad-${index}`);
    expect(found.map((f) => f.rule)).toEqual(expect.arrayContaining([expect.stringMatching(rule)]));
  });
});

it('passes code 5.1 runs, including look-alikes of the new syntax', async () => {
  const fine = [
    '$a = if ($x) { 1 } else { 2 }',
    '$q = "what?"; $h = @{ "a?" = 1 }',
    "Get-VM | Where-Object { $_.State -eq 'Running' } | Sort-Object Name | Select-Object -First 3",
    '$s = "tab`t quote`" dollar`$e and ``e stays"',
    "ConvertTo-Json -InputObject @($rows) -Depth 4 -Compress",
    "Set-Content -Path f -Value 1 -Encoding UTF8",
    'cmd /c "a && b"',
    '$n = $vm?.Name', // a variable named vm? in 5.1 and in 7 alike
    "$rows = $text.Split([string[]]@(\"`r`n\"), [System.StringSplitOptions]::RemoveEmptyEntries); $t = 'a,b'.Split(',')",
    "$i = $m.IndexOf('fail', [System.StringComparison]::OrdinalIgnoreCase)",
  ];
  expect(await findNewerThan51(fine.map((text, i) => ({ name: `fine-${i}`, text })))).toEqual([]);
});
