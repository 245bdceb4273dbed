/**
 * Two replicas of the real bot on one PostgreSQL database and one cluster: each with its own
 * connection pool and chat connection, as two processes would have. A Slack retry that lands
 * on the other replica does nothing; two people asking for one VM on two replicas at once get
 * one request and one "busy"; a request approved on the replica that does not hold the
 * cluster's lease runs once, on the one that does; a cancel typed there stops it there.
 */
import { commands } from '../../commands/index.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { DispatchResult } from '../../src/core/dispatcher.js';
import { DEFAULT_CLUSTER_POLICY } from '../../src/core/policy.js';
import { createClusterLeases, type ClusterLeases } from '../../src/store/postgres/cluster-leases.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createCapturingLogger } from '../support/capturing-logger.js';
import { CHANNEL, demoUsers, PLATFORM } from '../support/bot-harness.js';
import { openTestDatabase, type TestDatabase } from '../support/postgres-store.js';
import { createRecordingChat, type RecordingChat } from '../support/recording-chat.js';

let db: TestDatabase;
afterEach(async () => db?.close());

interface Replica {
  bot: Bot;
  chat: RecordingChat;
  leases: ClusterLeases;
  say(name: string, text: string, deliveryId?: string): Promise<DispatchResult>;
  approve(name: string, id: number, deliveryId?: string): Promise<DispatchResult>;
  cancel(name: string, id: number, deliveryId?: string): Promise<DispatchResult>;
}

async function twoReplicas(o: { auto?: boolean } = {}) {
  db = await openTestDatabase();
  const clock = createVirtualClock({ auto: o.auto ?? true });
  const cluster = createSimulatedCluster({ inventory: demoInventory, clock });
  const replica = async (name: string): Promise<Replica> => {
    const peer = name === 'a' ? db : await db.replica();
    const leases = createClusterLeases(peer.pool, { clusters: [cluster.name], holder: name, ttlMs: 60_000, onAcquired: () => undefined, onLost: () => undefined });
    const chat = createRecordingChat({ now: () => clock.now() });
    const bot = createBot({
      specs: commands, clusters: [cluster], users: demoUsers, adapters: [chat.adapter(PLATFORM)], clock, logger: createCapturingLogger(),
      store: createPostgresStore(peer.pool, { fence: leases.fence }), audit: peer.audit,
      policy: { requestTtlMs: 30 * 60_000, progressIntervalMs: 3000, pollMs: 1000, clusters: { [cluster.name]: DEFAULT_CLUSTER_POLICY } },
      runsJobsOf: (c) => leases.holds(c),
    });
    await bot.start();
    const actor = (who: string) => ({ platform: PLATFORM, id: who, name: who });
    return {
      bot, chat, leases,
      say: (who, text, deliveryId) => chat.deliver({ kind: 'command', actor: actor(who), where: CHANNEL, text, ...(deliveryId ? { deliveryId } : {}) }) as Promise<DispatchResult>,
      approve: (who, id, deliveryId) => chat.deliver({ kind: 'action', actor: actor(who), where: CHANNEL, action: 'approve', requestId: id, ...(deliveryId ? { deliveryId } : {}) }) as Promise<DispatchResult>,
      cancel: (who, id, deliveryId) => chat.deliver({ kind: 'action', actor: actor(who), where: CHANNEL, action: 'cancel', requestId: id, ...(deliveryId ? { deliveryId } : {}) }) as Promise<DispatchResult>,
    };
  };
  const a = await replica('a');
  const b = await replica('b');
  await a.leases.tick(); // a runs the cluster's jobs
  await b.leases.tick();
  return { a, b, cluster, clock };
}

test('a Slack event retried to the other replica is handled once', async () => {
  const { a, b } = await twoReplicas();
  const first = await a.say('alice', 'migrate vm42 to node2', 'Ev0A1');
  const retry = await b.say('alice', 'migrate vm42 to node2', 'Ev0A1');
  expect(first.requestId).toBe(1);
  expect(retry).toMatchObject({ duplicate: true });
  expect(await db.store.list()).toHaveLength(1);
  expect(b.chat.messages()).toHaveLength(0);
  const click = await a.approve('bob', 1, 'click-1');
  const clickAgain = await b.approve('bob', 1, 'click-1');
  expect(click.accepted).toBe(true);
  expect(clickAgain).toMatchObject({ duplicate: true });
});

test('two people asking for one VM on two replicas at once: one request, and the other is told it is busy', async () => {
  const { a, b } = await twoReplicas();
  const results = await Promise.all([a.say('alice', 'migrate vm42 to node2', 'E1'), b.say('erin', 'migrate vm42 to node3', 'E2')]);
  expect(results.filter((r) => r.requestId !== undefined)).toHaveLength(1);
  expect(await db.store.list()).toHaveLength(1);
  const told = [...a.chat.messages(), ...b.chat.messages()].map((m) => m.message.text).join('\n');
  expect(told).toMatch(/vm42 is busy with request #1/);
});

test('approved on the replica without the lease: the holder runs the job, once', async () => {
  const { a, b, cluster } = await twoReplicas();
  expect(a.leases.holds(cluster.name)).toBe(true);
  expect(b.leases.holds(cluster.name)).toBe(false);
  const id = (await b.say('alice', 'migrate vm42 to node2', 'E1')).requestId!;
  await b.approve('bob', id, 'E2');
  await b.bot.idle();
  expect(b.bot.runningJobs()).toEqual([]);
  expect((await db.store.get(id))?.state).toBe('approved');

  expect(await b.bot.resumeJobs()).toEqual([]); // b looks for jobs: none is its own
  expect(await a.bot.resumeJobs()).toEqual([id]); // a's pick-up finds it
  await a.bot.idle();
  expect((await db.store.get(id))?.state).toBe('succeeded');
  expect(cluster.stats().started).toBe(1);
  const events = (await db.audit.recent({ requestId: id, limit: 50 })).entries.map((e) => e.event);
  expect(events).toEqual(['requested', 'approved', 'job-started', 'job-succeeded']);
});

test('a cancel typed on the replica that does not run the job stops it on the one that does', async () => {
  const { a, b, clock } = await twoReplicas({ auto: false });
  /** Moves the clock while `work` waits on it (and lets the database answer in between). */
  const drive = async <T>(work: Promise<T>): Promise<T> => {
    let settled = false;
    void work.finally(() => (settled = true)).catch(() => undefined);
    for (let i = 0; !settled && i < 20_000; i++) {
      await clock.advance(50);
      await new Promise((r) => setImmediate(r));
    }
    return work;
  };
  const id = (await drive(a.say('alice', 'migrate vm42 to node2', 'E1'))).requestId!;
  await drive(a.approve('bob', id, 'E2'));
  const running = (async () => {
    while ((await db.store.get(id))?.state !== 'running') await new Promise((r) => setTimeout(r, 10));
  })();
  await running; // the clock stands still from here: the move cannot end before the cancel lands
  expect(a.bot.runningJobs()).toEqual([id]);

  expect((await b.cancel('bob', id, 'E3')).accepted).toBe(true);
  expect(b.chat.privateTo('bob').at(-1)?.message.text).toMatch(/Stopping #1; the thread will say how it ends/);
  await a.bot.resumeJobs(); // a's pick-up finds the cancel b recorded
  await drive(a.bot.idle());
  expect((await db.store.get(id))?.state).toBe('cancelled');
  expect((await db.audit.recent({ requestId: id, limit: 50 })).entries.map((e) => e.event)).toEqual(['requested', 'approved', 'job-started', 'cancelled', 'job-cancelled']);
});
