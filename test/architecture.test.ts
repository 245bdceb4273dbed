/**
 * Imports follow the arrows of design.md: remoting knows nothing of clusters or chat, the
 * core nothing of Slack, Teams or WinRM, commands no adapter, adapters only the core.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Which area a repository path belongs to, most specific first. */
function areaOf(path: string): string {
  const areas = ['src/main.ts', 'src/remoting', 'src/cluster/remote', 'src/cluster/simulator/winrm-server', 'src/cluster/simulator/powershell', 'src/cluster/simulator/psrp', 'src/cluster', 'src/core', 'src/store', 'src/config', 'src/ops', 'commands', 'adapters/console', 'adapters/slack', 'adapters/teams', 'adapters'];
  return areas.find((a) => path === a || path.startsWith(`${a}/`)) ?? path.split('/')[0]!;
}

/** For each area, the areas it may import from (besides itself and packages). */
const ALLOWED: Record<string, string[]> = {
  'src/remoting': [],
  'src/cluster': [],
  'src/cluster/remote': ['src/cluster', 'src/remoting'],
  'src/cluster/simulator/powershell': ['src/cluster', 'src/cluster/simulator/winrm-server', 'src/remoting'],
  'src/cluster/simulator/winrm-server': ['src/cluster', 'src/cluster/simulator/powershell', 'src/remoting'],
  // The simulated node's PSRP endpoint: pwsh -s sessions with the fake modules, bridged by the WinRM server.
  'src/cluster/simulator/psrp': ['src/cluster', 'src/cluster/simulator/powershell', 'src/cluster/simulator/winrm-server', 'src/remoting'],
  'src/core': ['src/cluster'],
  'src/store': ['src/core'],
  'src/config': ['src/core'],
  // Metrics time a remote cluster's operations through its port (ClusterOperationRunner).
  'src/ops': ['src/core', 'src/cluster', 'src/cluster/remote', 'src/remoting'],
  commands: ['src/core', 'src/cluster'],
  'adapters/console': ['src/core'],
  'adapters/slack': ['src/core'],
  'adapters/teams': ['src/core'],
};

export function violations(files: { path: string; imports: string[] }[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = areaOf(file.path);
    const allowed = ALLOWED[from];
    if (!allowed) continue; // src/main.ts, test/, bench/: anything
    for (const spec of file.imports) {
      if (!spec.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(file.path), spec)).replace(/\\/g, '/');
      const to = areaOf(target);
      if (to !== from && !allowed.includes(to)) found.push(`${file.path} imports ${target} (${from} → ${to})`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (name === 'node_modules') return [];
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specs;
}

const files = ['src', 'commands', 'adapters'].flatMap(sourceFiles).map((path) => ({ path, imports: importsOf(path) }));

test('the scan sees the layers it checks', () => {
  const areas = new Set(files.map((f) => areaOf(f.path)));
  for (const area of ['src/core', 'src/cluster', 'src/remoting', 'commands', 'adapters/console', 'src/main.ts']) expect(areas).toContain(area);
});

test('every import follows the arrows of design.md', () => {
  expect(violations(files)).toEqual([]);
});

test('a wrong arrow is reported', () => {
  expect(violations([{ path: 'src/core/x.ts', imports: ['../remoting/wsman/shell.js'] }])).toEqual([
    'src/core/x.ts imports src/remoting/wsman/shell.js (src/core → src/remoting)',
  ]);
  expect(violations([{ path: 'commands/x.ts', imports: ['../adapters/slack/app.js'] }])).toHaveLength(1);
  expect(violations([{ path: 'adapters/slack/x.ts', imports: ['../../src/cluster/cluster.js'] }])).toHaveLength(1);
});

test('only the composition root builds the concrete clusters, stores and adapters', () => {
  const call = /(?<!function\s)\bcreate(SimulatedCluster|RemoteCluster|FileStore|MemoryStore|FileAuditLog|SlackAdapter|TeamsAdapter|ConsoleAdapter)\s*\(/;
  const composition = (path: string) => path === 'src/main.ts' || path.startsWith('src/composition/') || path.startsWith('src/cli');
  const builds = (text: string) =>
    [...text.matchAll(new RegExp(call.source, 'g'))].some((m) => !new RegExp(`function create${m[1]}\\b`).test(text)); // a factory may use itself
  expect(files.filter((f) => !composition(f.path) && builds(readFileSync(join(root, f.path), 'utf8'))).map((f) => f.path)).toEqual([]);
  expect(builds('const store = createFileStore(path);')).toBe(true);
  expect(call.test('const store = createFileStore(path);')).toBe(true);
  expect(call.test('export function createFileStore(path: string) {')).toBe(false);
});

test('commands never hold PowerShell text', () => {
  const ps = /\b(Get-Cluster\w*|Move-Cluster\w*|Suspend-ClusterNode|Resume-ClusterNode|Get-VM|Invoke-Command|ConvertTo-Json)\b/;
  expect(files.filter((f) => f.path.startsWith('commands/') && ps.test(readFileSync(join(root, f.path), 'utf8'))).map((f) => f.path)).toEqual([]);
});
