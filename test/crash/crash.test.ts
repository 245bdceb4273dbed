/**
 * Crash tests: the real bot as a child process, killed with SIGKILL at chosen points and started
 * again on the same state file, against a cluster that outlives it (the WinRM simulator in its
 * own process). Nothing lost, nothing run twice, outcomes announced.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { exitsCleanly, kill, killLeftovers, startBot, startSimulator, writeBotConfig, type Proc } from './processes.js';
import { jest } from '@jest/globals';

jest.setTimeout(400_000);

let dir: string;
let simulator: Proc;
let config: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-crash-'));
  const sim = await startSimulator();
  simulator = sim.proc;
  config = await writeBotConfig(dir, sim);
});

afterEach(async () => {
  await killLeftovers();
  await kill(simulator);
  await rm(dir, { recursive: true, force: true });
});

const state = async () => JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { requests: { id: number; state: string }[] };

/** `pattern` (global) occurs exactly once in `text`; a failure shows the text. */
function expectOnce(text: string, pattern: RegExp): void {
  const count = text.match(pattern)?.length ?? 0;
  if (count !== 1) throw new Error(`expected ${String(pattern)} once, saw it ${count} time(s) in all the bot printed:\n${text}`);
}

/** A fresh bot that only reads back where a VM is. */
async function ownerOf(vm: string): Promise<string> {
  const bot = startBot(config);
  bot.say(`vm ${vm}`);
  bot.end();
  const m = await bot.waitFor(/Node: (\S+)/);
  await bot.exited;
  return m[1]!;
}

test('killed mid-migration: the next start follows it in the same thread and announces it once', async () => {
  const first = startBot(config);
  first.say('migrate vm42 to node2');
  first.say('as bob: approve 1 &');
  await first.waitFor(/\d+% memory copy/);
  await kill(first);
  expect(first.output()).not.toContain('✅ #1');

  const second = startBot(config);
  second.end();
  await exitsCleanly(second);
  const out = second.output();
  expect(out).toContain('The bot restarted while this job ran');
  expect(out).toMatch(/vm42 is (moving to node2; following it|already on node2)/);
  expectOnce(out, /✅ #1 vm42 is running on node2/g);
  expect((await state()).requests).toEqual([expect.objectContaining({ id: 1, state: 'succeeded' })]);
  expect(await ownerOf('vm42')).toBe('node2');
  expect(await verifyAuditFile(join(dir, 'audit.jsonl'))).toMatchObject({ ok: true });
});

test('killed right after the approval: the job runs once after the restart', async () => {
  const first = startBot(config);
  first.say('migrate vm42 to node3');
  first.say('as bob: approve 1 &');
  await first.waitFor(/Approved #1/);
  await kill(first);

  const second = startBot(config);
  second.end();
  await exitsCleanly(second);
  // Announced once over both lives (the first may have seen the move end before its kill landed).
  expectOnce(first.output() + second.output(), /✅ #1 vm42 is running on node3/g);
  expect(await ownerOf('vm42')).toBe('node3');
});

test('killed mid-drain (in the middle of its state writes): the drain continues with what was not moved, each VM moved once', async () => {
  const first = startBot(config);
  first.say('drain node1');
  first.say('as bob: approve 1');
  first.say('as carol: approve 1 &');
  await first.waitFor(/ {2}node\d {2}moved \((live|quick)/); // a row of the drain's board
  await kill(first);

  const second = startBot(config);
  second.end();
  await exitsCleanly(second);
  expect(second.output()).toMatch(/✅ #1 node1 is drained: paused with no roles/);
  // Each board row that turns "moved" prints once (an edit prints only the rows that changed).
  const moved = [...(first.output() + second.output()).matchAll(/^\s*(\S(?:.*?\S)?) {2,}node\d {2,}moved \(/gm)].map((m) => m[1]);
  expect(new Set(moved).size).toBe(moved.length);
  // Moves that end while no bot runs (a restart takes seconds on a busy machine) are not
  // printed as rows turning "moved"; the drained node above says none was left behind.
  expect(moved.length).toBeGreaterThanOrEqual(1);
  expect((await state()).requests[0]).toMatchObject({ state: 'succeeded' });
  expect(await verifyAuditFile(join(dir, 'audit.jsonl'))).toMatchObject({ ok: true });
});

test('a pending request survives a kill and can still be approved', async () => {
  const first = startBot(config);
  first.say('migrate dc01 to node2');
  await first.waitFor(/Needs one approval/);
  await kill(first);

  const second = startBot(config);
  second.say('as carol: approve 1');
  second.end();
  await exitsCleanly(second);
  expect(second.output()).toMatch(/✅ #1 dc01 is running on node2/);
});

test('SIGTERM mid-migration exits 0 with the job still recorded as running, and the next start finishes it', async () => {
  const first = startBot(config);
  first.say('migrate vm42 to node2');
  first.say('as bob: approve 1 &');
  await first.waitFor(/\d+% memory copy/);
  first.child.kill('SIGTERM');
  await exitsCleanly(first);
  expect(first.output()).not.toContain('✅ #1');
  expect((await state()).requests[0]).toMatchObject({ id: 1, state: 'running' });

  const second = startBot(config);
  second.end();
  await exitsCleanly(second);
  expectOnce(second.output(), /✅ #1 vm42 is running on node2/g);
});
