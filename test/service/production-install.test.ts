/**
 * A production install as docs/operations.md describes it: the packed project (dist/ compiled,
 * no TypeScript sources), `npm ci --omit=dev` (no tsx, no TypeScript, no jest), then `npm start`.
 * The bot starts and answers from the compiled code, reading its .ps1 scripts from dist/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runStart(cwd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: '' };
    delete env.HYPERV_CHATOPS_CONFIG; // no configuration: the demo
    const child = spawn(npm, ['start', '--silent', '--', ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the packed project, installed with production dependencies only, starts and answers', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'hyperv-chatops-pack-'));
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
    const [packed] = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    const paths = packed!.files.map((f) => f.path);
    expect(paths).toContain('dist/src/main.js');
    expect(paths).toContain('dist/src/cluster/scripts/migrate-vm.ps1');
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.some((p) => p.startsWith('test/') || p.startsWith('bench/'))).toBe(false);

    execFileSync('tar', ['-xzf', join(tmp, packed!.filename), '-C', tmp]);
    const app = join(tmp, 'package');
    copyFileSync(join(root, 'package-lock.json'), join(app, 'package-lock.json'));
    execFileSync(npm, ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: app, stdio: 'pipe', env: { ...process.env, HYPERV_CHATOPS_SKIP_TOOL_RESTORE: '1', NODE_OPTIONS: '' },
    });
    const installed = readdirSync(join(app, 'node_modules'));
    for (const dev of ['typescript', 'tsx', 'jest', 'ts-jest', 'eslint']) expect(installed).not.toContain(dev);
    expect(existsSync(join(app, 'node_modules', 'pino-pretty'))).toBe(true);

    const script = join(tmp, 'lines.txt');
    writeFileSync(script, 'nodes\nvm vm42\n');
    const { code, stdout, stderr } = await runStart(app, ['--script', script]);
    expect(stderr).not.toContain('compiling');
    expect(stdout).toContain('3 nodes in demo');
    expect(stdout).toMatch(/vm42 on demo\n\s+Node: node1/);
    expect(code).toBe(0);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 300_000);
