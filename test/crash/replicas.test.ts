/**
 * Replicas on PostgreSQL, as processes: two bots on one database and one cluster (the WinRM
 * simulator in its own process, shared by the tests). The replica running a migration or a
 * drain is SIGKILLed mid-job; the other takes the cluster's lease when it runs out, reads the
 * cluster, follows the move or continues the drain in the same thread, says that the job moved,
 * and announces the outcome once. The audit chain stays intact.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { jest } from '@jest/globals';
import { verifyPostgresAudit } from '../../src/store/postgres/postgres-audit-verify.js';
import { testPostgres } from '../support/postgres.js';
import { exitsCleanly, kill, startBot, startSimulator, writeBotConfig, type Proc, type SimulatorEndpoints } from './processes.js';

jest.setTimeout(400_000);

const URL_ENV = 'CRASH_TEST_PG_URL';
let dir: string;
let simulator: Proc;
let endpoints: SimulatorEndpoints;
const bots: Proc[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-replicas-'));
  const sim = await startSimulator();
  simulator = sim.proc;
  endpoints = sim;
});
afterAll(async () => {
  for (const p of [...bots, simulator]) if (p && p.child.exitCode === null) await kill(p);
  await rm(dir, { recursive: true, force: true });
});

/** Two replicas on a fresh database: a starts first and takes the cluster's lease; b answers too, but runs no job while a renews it. */
async function twoReplicas() {
  const server = await testPostgres();
  const url = server.url(await server.freshDatabase());
  const env = { [URL_ENV]: url };
  const [configA, configB] = [await writeBotConfig(dir, endpoints, { urlEnv: URL_ENV, name: 'a' }), await writeBotConfig(dir, endpoints, { urlEnv: URL_ENV, name: 'b' })];
  const a = startBot(configA, env);
  bots.push(a);
  a.say('jobs');
  await a.waitFor(/bot: /);
  const b = startBot(configB, env);
  bots.push(b);
  b.say('jobs');
  await b.waitFor(/bot: /);
  return { a, b, url };
}

/** The job ended once, started once, and the chain is intact. */
async function expectOnce(url: string) {
  const pool = new pg.Pool({ connectionString: url });
  try {
    expect((await pool.query("SELECT body->>'state' AS state FROM requests")).rows).toEqual([{ state: 'succeeded' }]);
    const events = (await pool.query("SELECT line::jsonb->>'event' AS event FROM audit ORDER BY seq")).rows.map((r) => r.event);
    expect(events.filter((e) => e === 'job-started')).toHaveLength(1);
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
