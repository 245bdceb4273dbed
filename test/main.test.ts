/** `npm start` as a person runs it: a real process, piped input, real exit codes. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function start(args: string[], input: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const temp = mkdtempSync(join(tmpdir(), 'hyperv-chatops-main-'));

test('piped commands run against the demo cluster and exit 0 when all are accepted', async () => {
  const { code, stdout } = await start([], 'nodes\nvms on node3\n');
  expect(stdout).toContain('3 nodes in demo');
  expect(stdout).toMatch(/VMs on node3 on demo/);
  expect(code).toBe(0);
}, 60_000); // the demo starts a PowerShell per node it reads (three)

test('--script FILE runs the file and exits 1 when a command is refused', async () => {
  const file = join(temp, 'script.txt');
  writeFileSync(file, 'migrate vm42 to node9\n');
  const { code, stdout } = await start(['--script', file], '');
  expect(stdout).toContain('No node named node9 on demo');
  expect(code).toBe(1);
}, 60_000); // the demo starts a PowerShell per node it reads (three)

test('a config file with a wrong field stops the bot with the file and the field named', async () => {
  const file = join(temp, 'bad.json');
  writeFileSync(file, JSON.stringify({ clusters: [{ name: 'prod', kind: 'simulated', approvals: { change: 0 } }] }));
  const { code, stderr } = await start([], '', { HYPERV_CHATOPS_CONFIG: file });
  expect(stderr).toContain(file);
  expect(stderr).toContain('clusters.0.approvals.change');
  expect(code).toBe(2);
}, 60_000); // the demo starts a PowerShell per node it reads (three)

test('a config file that is not JSON is refused with the reason', async () => {
  const file = join(temp, 'broken.json');
  writeFileSync(file, '{ "clusters": [ ');
  const { code, stderr } = await start([], '', { HYPERV_CHATOPS_CONFIG: file });
  expect(stderr).toMatch(/not valid JSON/);
  expect(code).toBe(2);
}, 60_000); // the demo starts a PowerShell per node it reads (three)
