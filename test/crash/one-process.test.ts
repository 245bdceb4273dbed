/**
 * One process per state file, with real processes: a second bot on the same state file
 * refuses to start and names the first; a lock left by a SIGKILLed bot, or whose pid now
 * belongs to another process, is taken over; two bots racing for a stale lock: one wins.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemProbe } from '../../src/store/process-probe.js';
import { kill, startBot as start, type Proc } from './processes.js';
import { jest } from '@jest/globals';

jest.setTimeout(120_000);

let dir: string;
let config: string;
const stateFile = () => join(dir, 'state.json');
const lockFile = () => `${stateFile()}.lock`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-lock-'));
  config = join(dir, 'config.json');
  await writeFile(
    config,
    JSON.stringify({
      clusters: [{ name: 'prod', kind: 'simulated', transport: 'direct' }],
      users: [{ name: 'alice', console: 'alice', roles: { '*': 'operator' } }],
      state: { file: stateFile(), auditFile: join(dir, 'audit.jsonl') },
      log: { level: 'info', file: join(dir, 'bot.log') },
    }),
  );
});

const started: Proc[] = [];
function startBot(file: string) {
  const bot = start(file);
  started.push(bot);
  return bot;
}

afterEach(async () => {
  for (const bot of started.splice(0)) if (bot.child.exitCode === null && bot.child.signalCode === null) await kill(bot);
  await rm(dir, { recursive: true, force: true });
});

/** A bot that has answered a command, so it holds the state file. */
async function runningBot() {
  const bot = startBot(config);
  bot.say('migrate vm42 to node2');
  await bot.waitFor(/Approve/);
  return bot;
}

test('a second bot on the same state file refuses to start, naming the file, the first process and what to do', async () => {
  const first = await runningBot();
  const second = startBot(config);
  expect(await second.exited).toBe(2);
  const refusal = second.output();
  expect(refusal).toContain(`The state file ${stateFile()} is in use by another hyperv-chatops process: pid ${first.child.pid} on host ${hostname()}, started 20`);
  expect(refusal).toContain('Stop that process first, or give this one its own state.file in the configuration');
  // The first is untouched: it goes on, and its request is the only one.
  first.say('quick migrate "SQL Server 01" to node3');
  await first.waitFor(/#2/);
  first.end();
  expect(await first.exited).toBe(0);
  const saved = JSON.parse(await readFile(stateFile(), 'utf8')) as { nextRequestId: number };
  expect(saved.nextRequestId).toBe(3);
  await expect(readFile(lockFile())).rejects.toMatchObject({ code: 'ENOENT' }); // released at a clean exit
});

test('the lock of a SIGKILLed bot is taken over by the next start, which says whose it was', async () => {
  const first = await runningBot();
  const pid = first.child.pid;
  await kill(first);
  expect(JSON.parse(await readFile(lockFile(), 'utf8'))).toMatchObject({ pid });
  const next = startBot(config);
  next.say('jobs');
  next.end();
  expect(await next.exited).toBe(0);
  expect(next.output()).toContain('#1');
  const log = await readFile(join(dir, 'bot.log'), 'utf8');
  expect(log).toMatch(new RegExp(`"previous":\\{"pid":${pid},.*"msg":"took over a stale state lock: its process is gone"`));
});

test('a lock whose pid now belongs to another process is stale; one whose holder still runs is not', async () => {
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    const pid = other.pid!;
    const lock = (identity: string | undefined) => ({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', identity, token: 'x' });
    await writeFile(lockFile(), JSON.stringify(lock(systemProbe.identity(pid))));
    const refused = startBot(config);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toContain(`pid ${pid} on host ${hostname()}, started 2026-01-01T00:00:00.000Z`);

    await writeFile(lockFile(), JSON.stringify(lock('an-earlier-boot:12345'))); // the pid was reused since
    const taken = startBot(config);
    taken.say('jobs');
    taken.end();
    expect(await taken.exited).toBe(0);
    expect(taken.output()).toContain('No requests or jobs yet.');
  } finally {
    other.kill('SIGKILL');
  }
});

test('two bots started at once on a stale lock: exactly one runs, the other names it', async () => {
  const first = await runningBot();
  await kill(first);
  const a = startBot(config);
  const b = startBot(config);
  const winner = await Promise.race([a.waitFor(/is in use/).then(() => b), b.waitFor(/is in use/).then(() => a)]);
  const loser = winner === a ? b : a;
  expect(await loser.exited).toBe(2);
  expect(loser.output()).toContain(`pid ${winner.child.pid} on host ${hostname()}`);
  winner.say('jobs');
  winner.end();
  expect(await winner.exited).toBe(0);
  expect(winner.output()).toContain('#1');
});
