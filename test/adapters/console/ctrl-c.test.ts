/**
 * Ctrl-C is safe: the bot as a real process (the demo, commands piped in), interrupted with SIGINT.
 * With a migration running, the first Ctrl-C says what runs and that the demo's memory state would
 * lose it, and the bot goes on; the second leaves with 130. With nothing running it leaves with 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterruptGuard, fateOf } from '../../../adapters/console/interrupt-guard.js';
import { PassThrough } from 'node:stream';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function startBot(): { child: ChildProcessWithoutNullStreams; out: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
  delete env.HYPERV_CHATOPS_CONFIG;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, out: () => stdout, exited };
}

// The demo runs each script in a real pwsh: on a busy machine a migration takes a while to start.
async function until(check: () => boolean, what: string, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('with a migration running, the first Ctrl-C explains and the bot goes on; the second leaves with 130', async () => {
  const bot = startBot();
  bot.child.stdin.write('migrate vm42 to node2\nas bob: approve 1\n');
  await until(() => /\d+% memory copy/.test(bot.out()), 'the migration to run');
  bot.child.kill('SIGINT');
  await until(() => bot.out().includes('Press Ctrl-C again'), 'the warning');
  expect(bot.out()).toMatch(/Still running:\n {2}#1 Live migration of vm42 \(node1 → node2\), 8 GiB \(\d+%, [^)]+\)\n/);
  expect(bot.out()).toContain('The state is in memory (the demo): if the bot stops now, this is lost');
  await new Promise((r) => setTimeout(r, 500));
  expect(bot.child.exitCode).toBeNull();
  bot.child.kill('SIGINT');
  expect(await bot.exited).toBe(130);
  expect(bot.out()).toContain('Leaving with 1 still running.');
  expect(bot.out()).not.toContain('✅ #1');
}, 150_000);

test('with nothing running, Ctrl-C leaves at once with 0', async () => {
  const bot = startBot();
  bot.child.stdin.write('nodes\n');
  await until(() => bot.out().includes('3 nodes in demo'), 'the answer');
  bot.child.kill('SIGINT');
  expect(await bot.exited).toBe(0);
  expect(bot.out()).toContain('Nothing is running; leaving.');
}, 150_000);

test('one key press delivered twice (terminal and npm) counts once; a late second press warns again', async () => {
  let now = 0;
  let left: number | undefined;
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const guard = createInterruptGuard({
    output, running: async () => ['#4 Drain node1'], fate: fateOf('/var/lib/hyperv-chatops/state.json'), now: () => now, leave: (code) => (left = code),
  });
  await guard.interrupt();
  now += 100;
  await guard.interrupt();
  expect(left).toBeUndefined();
  expect(text).toContain('The state is saved in /var/lib/hyperv-chatops/state.json: the next start reads the cluster and carries these on.');
  now += 20_000;
  await guard.interrupt();
  expect(left).toBeUndefined();
  expect(text.match(/Press Ctrl-C again within 10 s/g)).toHaveLength(2);
  now += 2_000;
  await guard.interrupt();
  expect(left).toBe(130);
});
