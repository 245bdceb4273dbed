/** `npm run bench -- <name>`: a name that is not a bench is refused with exit 2 and the list, before anything runs. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { collect } from '../cli/spawn-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('an unknown bench exits 2 naming the known ones, and runs none', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/index.ts', 'scale', 'nope'], { cwd: root, env: process.env });
  const run = await collect(child);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('Unknown bench: nope. Known: core, store, remoting, slack, access, hostile, scale, drain, psrp, ha.\n');
  expect(run.stdout).not.toContain('## ');
}, 60_000);
