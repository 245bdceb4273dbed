/**
 * Replicas on PostgreSQL, as processes: two or three bots on one database and one cluster (the
 * WinRM simulator in its own process, shared by the tests; a fresh database per test). The
 * replica running a job is SIGKILLed at the crash tests' points: right after the approval,
 * mid-migration, mid-drain, and mid-write (its write waiting inside its transaction; its
 * outcome written and its audit entry waiting). Another
 * takes the cluster's lease when it runs out (2 s here), reads the cluster, follows the move or
 * continues the drain in the same thread, says that the job moved, and announces the outcome
 * once. The audit chain stays intact. Each test moves VMs no other test moves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { jest } from '@jest/globals';
import { AUDIT_LOCK } from '../../src/store/postgres/postgres-audit.js';
import { verifyPostgresAudit } from '../../src/store/postgres/postgres-audit-verify.js';
import { testPostgres } from '../support/postgres.js';
import { exitsCleanly, kill, killLeftovers, startBot, startSimulator, writeBotConfig, type Proc, type SimulatorEndpoints } from './processes.js';

jest.setTimeout(400_000);

const URL_ENV = 'CRASH_TEST_PG_URL';
let dir: string;
let endpoints: SimulatorEndpoints;
const bots: Proc[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-replicas-'));
  endpoints = await startSimulator();
});
afterAll(async () => {
  await killLeftovers();
  await rm(dir, { recursive: true, force: true });
});

/** A replica that has answered, so it has started (and taken what leases it could). */
async function replica(name: string, env: Record<string, string>) {
  const bot = startBot(await writeBotConfig(dir, endpoints, { urlEnv: URL_ENV, name }), env);
  bots.push(bot);
  bot.say('jobs');
  await bot.waitFor(/bot: /);
  return bot;
}

/**
 * Replicas started together on a fresh database: `a` is the one that took the cluster's lease
 * (whichever started first); the others answer too, but run no job while a renews it.
 */
async function replicas(count = 2) {
  const server = await testPostgres();
  const url = server.url(await server.freshDatabase());
  const env = { [URL_ENV]: url };
  const started = await Promise.all(['a', 'b', 'c'].slice(0, count).map((name) => replica(name, env)));
  const pool = new pg.Pool({ connectionString: url });
  try {
    const { holder } = (await pool.query<{ holder: string }>('SELECT holder FROM leases')).rows[0]!;
    const a = started.find((p) => holder.includes(`/${p.child.pid}/`))!;
    return { a, others: started.filter((p) => p !== a), url };
  } finally {
    await pool.end();
  }
}

async function twoReplicas() {
  const { a, others, url } = await replicas();
  return { a, b: others[0]!, url };
}

/** `pattern` (global) occurs exactly once in `text`; a failure shows the text. */
function expectOnceIn(text: string, pattern: RegExp): void {
  expect({ count: text.match(pattern)?.length ?? 0, text }).toEqual({ count: 1, text });
}

/** The job ended once, started once (or, see the test after the approval, at least once), and the chain is intact. */
async function expectOnce(url: string, o: { startedAtLeastOnce?: boolean } = {}) {
  const pool = new pg.Pool({ connectionString: url });
  try {
    expect((await pool.query("SELECT body->>'state' AS state FROM requests")).rows).toEqual([{ state: 'succeeded' }]);
    const events = (await pool.query("SELECT line::jsonb->>'event' AS event FROM audit ORDER BY seq")).rows.map((r) => r.event);
    const started = events.filter((e) => e === 'job-started').length;
    if (o.startedAtLeastOnce) expect(started).toBeGreaterThanOrEqual(1);
    else expect(started).toBe(1);
    expect(events.filter((e) => e === 'job-succeeded')).toHaveLength(1);
    expect(await verifyPostgresAudit(pool)).toMatchObject({ ok: true });
  } finally {
    await pool.end();
  }
}

test('a replica killed mid-migration: the other takes the job over, follows the move, and announces it once', async () => {
  const { a, b, url } = await twoReplicas();
  a.say('migrate vm42 to node2');
  a.say('as bob: approve 1 &');
  await a.waitFor(/\d+% memory copy/);
  await kill(a);
  expect(a.output()).not.toContain('✅ #1');

  await b.waitFor(/This job moved to another replica: the one running it \(\S+\) stopped answering/);
  await b.waitFor(/✅ #1 vm42 is running on node2/);
  b.say('vm vm42');
  await b.waitFor(/Node: node2/);
  b.end();
  await exitsCleanly(b);
  expect(b.output().match(/✅ #1 vm42 is running on node2/g)).toHaveLength(1);
  await expectOnce(url);
});

test('a replica killed mid-drain: the other continues the drain with what was not moved, each VM moved once', async () => {
  const { a, b, url } = await twoReplicas();
  a.say('drain node1');
  a.say('as bob: approve 1');
  a.say('as carol: approve 1 &');
  await a.waitFor(/ {2}node\d {2}moved \((live|quick)/); // a row of the drain's board
  await kill(a);

  await b.waitFor(/This job moved to another replica/);
  await b.waitFor(/✅ #1 node1 is drained: paused with no roles/);
  b.end();
  await exitsCleanly(b);
  // Each board row that turns "moved" prints once, whichever replica printed it.
  const moved = [...(a.output() + b.output()).matchAll(/^\s*(\S(?:.*?\S)?) {2,}node\d {2,}moved \(/gm)].map((m) => m[1]);
  expect(new Set(moved).size).toBe(moved.length);
  expect(b.output().match(/✅ #1 node1 is drained/g)).toHaveLength(1);
  await expectOnce(url);
});

test('a replica killed right after the approval: another runs the job once and announces it once', async () => {
  const { a, b, url } = await twoReplicas();
  a.say('migrate app02 to node3');
  a.say('as bob: approve 1 &');
  await a.waitFor(/Approved #1/);
  await kill(a);

  // The claim may not have been made, or the move begun: either way b, taking the lease, runs or follows it.
  if (!a.output().includes('✅ #1')) await b.waitFor(/✅ #1 app02 is running on node3/);
  b.say('vm app02');
  await b.waitFor(/Node: node3/);
  b.end();
  await exitsCleanly(b);
  expectOnceIn(a.output() + b.output(), /✅ #1 app02 is running on node3/g);
  // A kill between the job-started entry and the claim it records leaves that entry without its claim, and b writes its own.
  await expectOnce(url, { startedAtLeastOnce: true });
});

/** Resolves when the replica with this pid waits, inside a transaction, for a lock (a row's, or `advisory`); returns the statement that waits. */
async function waitingWrite(pool: pg.Pool, pid: number, lock = 'tuple|transactionid'): Promise<string> {
  for (let i = 0; i < 1500; i++) {
    const waiting = await pool.query<{ query: string }>(
      "SELECT query FROM pg_stat_activity WHERE application_name LIKE $1 AND wait_event_type = 'Lock' AND wait_event ~ $2 AND state = 'active'",
      [`hyperv-chatops %/${pid}/%`, `^(${lock})$`],
    );
    if (waiting.rows[0]) return waiting.rows[0].query;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`replica ${pid} never waited for the request's row`);
}

test('a replica killed mid-write (its write begun and waiting in the database): nothing of it lands, another finishes the job once', async () => {
  const { a, b, url } = await twoReplicas();
  a.say('migrate "SQL Server 02" to node3');
  a.say('as bob: approve 1 &');
  await a.waitFor(/\d+% memory copy/);
  // Hold the request's row: a's next write to it (progress, checkpoint or outcome) begins its transaction and waits.
  const pool = new pg.Pool({ connectionString: url });
  const holder = await pool.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM requests WHERE id = 1 FOR UPDATE');
    expect(await waitingWrite(pool, a.child.pid!)).toMatch(/FROM requests WHERE id = \$1 FOR UPDATE/);
    await kill(a);
  } finally {
    await holder.query('COMMIT');
    holder.release();
    await pool.end();
  }
  expect(a.output()).not.toContain('✅ #1');

  await b.waitFor(/This job moved to another replica/);
  await b.waitFor(/✅ #1 SQL Server 02 is running on node3/);
  b.say('vm "SQL Server 02"');
  await b.waitFor(/Node: node3/);
  b.end();
  await exitsCleanly(b);
  expectOnceIn(b.output(), /✅ #1 SQL Server 02 is running on node3/g);
  await expectOnce(url);
});

test('a replica killed after writing the outcome, before announcing it (its audit entry waiting): another writes the entry and announces it once', async () => {
  const { a, b, url } = await twoReplicas();
  const pool = new pg.Pool({ connectionString: url });
  const holder = await pool.connect();
  try {
    a.say('migrate monitoring to node2');
    a.say('as bob: approve 1 &');
    // Claimed (its job-started entry is written before the request is running); the move takes seconds more.
    for (let i = 0; i < 3000 && (await pool.query("SELECT 1 FROM requests WHERE body->>'state' = 'running'")).rowCount === 0; i++) await new Promise((r) => setTimeout(r, 50));
    // Hold the audit log's append lock: a's next entry, the outcome's, waits for it after the outcome is written.
    await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_LOCK.toString()]);
    expect(await waitingWrite(pool, a.child.pid!, 'advisory')).toMatch(/pg_advisory_xact_lock/);
    expect((await pool.query("SELECT body->>'state' AS state, body->'job'->>'announcing' AS announcing FROM requests")).rows).toEqual([{ state: 'succeeded', announcing: 'true' }]);
    await kill(a);
  } finally {
    await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_LOCK.toString()]);
    holder.release();
    await pool.end();
  }
  expect(a.output()).not.toContain('✅ #1');

  await b.waitFor(/✅ #1 monitoring is running on node2/);
  b.end();
  await exitsCleanly(b);
  expectOnceIn(b.output(), /✅ #1 monitoring is running on node2/g);
  await expectOnce(url);
});

/** The first of `procs` whose output matches. */
async function firstToSay(procs: Proc[], pattern: RegExp, ms = 150_000): Promise<Proc> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
    const found = procs.find((p) => pattern.test(p.output()));
    if (found) return found;
  }
  throw new Error(`none said ${pattern} within ${ms} ms; outputs:\n${procs.map((p) => p.output()).join('\n---\n')}`);
}

test('three replicas, the lease holder killed mid-migration: exactly one of the other two takes the job over and announces it once', async () => {
  const { a, others, url } = await replicas(3);
  a.say('migrate exchange01 to node2');
  a.say('as bob: approve 1 &');
  await a.waitFor(/\d+% memory copy/);
  await kill(a);

  const heir = await firstToSay(others, /This job moved to another replica/);
  await heir.waitFor(/✅ #1 exchange01 is running on node2/);
  const pool = new pg.Pool({ connectionString: url });
  try {
    expect((await pool.query('SELECT holder FROM leases')).rows).toEqual([{ holder: expect.stringContaining(`/${heir.child.pid}/`) }]);
  } finally {
    await pool.end();
  }
  for (const r of others) r.end();
  await Promise.all(others.map(exitsCleanly));
  const outputs = others.map((r) => r.output()).join('\n');
  expectOnceIn(outputs, /This job moved to another replica/g);
  expectOnceIn(outputs, /✅ #1 exchange01 is running on node2/g);
  await expectOnce(url);
});
