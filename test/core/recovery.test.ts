/**
 * Restart recovery, in one process: bot A is "killed" (every clock, store and chat call it makes
 * from then on never returns, as if the process were gone), bot B starts on the same state file,
 * the same cluster and the same chat, and must finish what A began, once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../../commands/index.js';
import type { Clock } from '../../src/cluster/clock.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { ClusterError } from '../../src/cluster/errors.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { ChatAdapter } from '../../src/core/chat.js';
import { silentLogger } from '../../src/core/logger.js';
import type { AuditLog } from '../../src/core/audit.js';
import type { OperationRequest } from '../../src/core/requests.js';
import type { Store } from '../../src/core/store.js';
import { createMemoryAuditLog } from '../../src/store/audit-file.js';
import { createFileStore } from '../../src/store/low-store.js';
import { CHANNEL, PLATFORM, demoUsers } from '../support/bot-harness.js';
import { createRecordingChat, type RecordingChat } from '../support/recording-chat.js';

const never = () => new Promise<never>(() => undefined);

/**
 * Everything a process does through it stops dead once `kill()` is called. A write already
 * handed to the file system finishes first (as it would have before a real SIGKILL landed):
 * kill() resolves when none is left in flight.
 */
function mortal(o: { dieAfterUpdate?: (saved: OperationRequest) => boolean } = {}) {
  let dead = false;
  let inFlight = 0;
  const gate = <T>(call: () => Promise<T>): Promise<T> => {
    if (dead) return never();
    inFlight++;
    return call().finally(() => inFlight--).then((v) => (dead ? never() : v));
  };
  return {
    dead: () => dead,
    kill: async () => {
      dead = true;
      for (let i = 0; i < 400 && inFlight > 0; i++) await new Promise((r) => setTimeout(r, 5));
    },
    clock: (base: Clock): Clock => ({ now: () => base.now(), sleep: (ms, signal) => gate(() => base.sleep(ms, signal)) }),
    store: (base: Store): Store => ({
      nextRequestId: () => gate(() => base.nextRequestId()),
      insert: (r) => gate(() => base.insert(r)),
      get: (id) => gate(() => base.get(id)),
      list: () => gate(() => base.list()),
      transition: (id, from, change) => gate(() => base.transition(id, from, change)),
      // dieAfterUpdate: the write lands, and the process is gone before it hears back.
      update: (id, change) => gate(() => base.update(id, change).then((saved) => (saved && o.dieAfterUpdate?.(saved) ? ((dead = true), saved) : saved))),
      rememberDelivery: (k, e, n) => gate(() => base.rememberDelivery(k, e, n)),
      exclusive: (scope, task) => gate(() => base.exclusive(scope, task)),
      recordAuditHead: (head) => gate(() => base.recordAuditHead(head)),
      auditHead: () => gate(() => base.auditHead()),
    }),
    adapter: (base: ChatAdapter): ChatAdapter => ({
      platform: base.platform,
      start: (h) => base.start(h),
      stop: () => base.stop(),
      post: (w, m, o) => gate(() => base.post(w, m, o)),
      reply: (p, m, o) => gate(() => base.reply(p, m, o)),
      update: (r, m) => gate(() => base.update(r, m)),
    }),
  };
}

let dir: string;
let clock: VirtualClock;
let cluster: SimulatedCluster;
let chat: RecordingChat;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-recovery-'));
  clock = createVirtualClock({ auto: false });
  cluster = createSimulatedCluster({ inventory: demoInventory, clock });
  chat = createRecordingChat({ now: () => clock.now() });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/**
 * The cluster as a process reaches it: once `close()` is called (the process stopping closes its
 * sessions), every call and every further look of a watch fails as a closed session does.
 */
function closable(base: SimulatedCluster): { cluster: Cluster; close: () => void } {
  let closed = false;
  const refuse = () => new ClusterError('unreachable', 'the session to the cluster was closed');
  const cluster = new Proxy(base, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (closed) throw refuse();
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!result || typeof result !== 'object' || !(Symbol.asyncIterator in result)) return result;
        const it = result as AsyncGenerator;
        return {
          next: async () => {
            if (closed) throw refuse();
            return it.next();
          },
          return: (v: unknown) => it.return(v),
          throw: (e: unknown) => it.throw(e),
          [Symbol.asyncIterator]() { return this; },
        };
      };
    },
  });
  return { cluster, close: () => (closed = true) };
}

function startProcess(o: { audit?: AuditLog; dieAfterUpdate?: (saved: OperationRequest) => boolean; over?: Cluster } = {}): { bot: Bot; kill: () => Promise<void>; dead: () => boolean } {
  const life = mortal(o);
  const bot = createBot({
    specs: commands,
    clusters: [o.over ?? cluster],
    users: demoUsers,
    adapters: [life.adapter(chat.adapter(PLATFORM))],
    store: life.store(createFileStore(join(dir, 'state.json'))),
    audit: o.audit ?? createMemoryAuditLog(),
    clock: life.clock(clock),
    logger: silentLogger,
    policy: { clusters: {}, requestTtlMs: 30 * 60_000, progressIntervalMs: 3000, pollMs: 1000 },
  });
  return { bot, kill: life.kill, dead: life.dead };
}

const actor = (name: string) => ({ platform: PLATFORM, id: name, name });
const say = (bot: Bot, who: string, text: string) => bot.handle({ kind: 'command', actor: actor(who), where: CHANNEL, text });
const approve = (bot: Bot, who: string, id: number) => bot.handle({ kind: 'action', actor: actor(who), where: CHANNEL, action: 'approve', requestId: id });

/** Waits (real time, bounded) for what another task of the process is doing: file writes are real I/O. */
async function until(check: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Moves time on in steps (letting real file I/O finish between them) until the bot has no job in flight. */
async function runToEnd(bot: Bot) {
  let done = false;
  const idle = bot.idle().then(() => (done = true));
  for (let i = 0; i < 2000 && !done; i++) {
    await clock.advance(500);
    await new Promise((r) => setTimeout(r, 1));
  }
  if (!done) {
    const thread = chat.log.slice(-8).map((s) => s.message.text.split('\n')[0]);
    throw new Error(`jobs still running: ${JSON.stringify({ jobs: bot.runningJobs(), migrations: cluster.migrations(), thread })}`);
  }
  await idle;
}

test('killed mid-migration, the next process follows the same migration in the same thread and announces it once', async () => {
  const a = startProcess();
  await a.bot.start();
  await say(a.bot, 'alice', 'migrate vm42 to node2');
  await approve(a.bot, 'bob', 1);
  await until(() => cluster.migrations().length > 0, 'the migration to start');
  await clock.advance(2000); // memory copy under way
  expect(cluster.migrations().map((m) => m.vm)).toEqual(['vm42']);
  await a.kill();

  const b = startProcess();
  await b.bot.start();
  const card = chat.messages()[0]!;
  const threadText = () => chat.threadOf(card.ref).map((s) => s.message.text);
  await until(() => threadText().some((t) => /vm42 is (moving|already)/.test(t)), 'the new process to read the cluster');
  await runToEnd(b.bot);

  expect(await b.bot.stateOf(1)).toBe('succeeded');
  expect((await cluster.getVm('vm42'))?.ownerNode).toBe('node2');
  expect(cluster.stats().started).toBe(1);
  const thread = threadText();
  expect(thread.some((t) => t.includes('The bot restarted'))).toBe(true);
  expect(thread.filter((t) => /vm42 is (moving|already)/.test(t))).toEqual(['vm42 is moving to node2; following it.']);
  expect(thread.filter((t) => t.includes('✅ #1 vm42 is running on node2'))).toHaveLength(1);
});

test('stopped (SIGTERM) mid-migration: the sessions closing under the job do not fail it; it stays running and the next process finishes it', async () => {
  const sessions = closable(cluster);
  const a = startProcess({ over: sessions.cluster });
  await a.bot.start();
  await say(a.bot, 'alice', 'migrate vm42 to node2');
  await approve(a.bot, 'bob', 1);
  await until(() => cluster.migrations().length > 0, 'the migration to start');
  await clock.advance(2000); // memory copy under way
  await a.bot.shutdown();
  sessions.close(); // what the process does next, before it exits
  await runToEnd(a.bot); // the job's next look fails on the closed session
  expect(await a.bot.stateOf(1)).toBe('running');
  expect(chat.log.map((s) => s.message.text).join('\n')).not.toMatch(/❌|failed/);

  const b = startProcess();
  await b.bot.start();
  await runToEnd(b.bot);
  expect(await b.bot.stateOf(1)).toBe('succeeded');
  expect(cluster.stats().started).toBe(1);
  expect(chat.log.filter((s) => s.message.text.includes('✅ #1 vm42 is running on node2'))).toHaveLength(1);
});

test('killed between the approval and the start, the next process starts the job once', async () => {
  const a = startProcess();
  await a.bot.start();
  await say(a.bot, 'alice', 'migrate vm42 to node3');
  await a.kill(); // the approval below is stored, the job never claimed
  const b = startProcess();
  await approve(b.bot, 'bob', 1); // (b is not started: its handle still works)
  await runToEnd(b.bot);
  expect(await b.bot.stateOf(1)).toBe('succeeded');
  expect(cluster.stats().started).toBe(1);
});

test('killed mid-drain, the next process finishes the moves under way and moves the rest, each VM once', async () => {
  const a = startProcess();
  await a.bot.start();
  await say(a.bot, 'alice', 'drain node1');
  await approve(a.bot, 'bob', 1);
  await approve(a.bot, 'carol', 1);
  await until(() => cluster.migrations().length > 0, 'the first moves to start');
  await clock.advance(3000);
  const underWay = cluster.migrations().map((m) => m.vm);
  expect(underWay.length).toBeGreaterThan(0);
  await a.kill();

  const b = startProcess();
  await b.bot.start();
  await runToEnd(b.bot);

  expect(await b.bot.stateOf(1)).toBe('succeeded');
  const left = (await cluster.listVms({ node: 'node1' })).filter((vm) => vm.clustered);
  expect(left).toEqual([]);
  const clustered = demoInventory.vms!.filter((vm) => vm.node === 'node1' && vm.clustered !== false).length;
  expect(cluster.stats().started).toBe(clustered);
  expect(cluster.stats().maxConcurrentMigrations.node1).toBeLessThanOrEqual(2);
});

test('a pending request survives a restart and can be approved; one that expired meanwhile is marked and its card updated', async () => {
  const a = startProcess();
  await a.bot.start();
  await say(a.bot, 'alice', 'migrate vm42 to node2');
  await clock.advance(10 * 60_000);
  await say(a.bot, 'alice', 'migrate dc01 to node3');
  await a.kill();
  await clock.advance(25 * 60_000); // #1 is now 35 minutes old, #2 15 minutes

  const b = startProcess();
  await b.bot.start();
  expect(await b.bot.stateOf(1)).toBe('expired');
  expect(chat.textOf(chat.messages()[0]!.ref.messageId)).toContain('Expired');
  await approve(b.bot, 'bob', 2);
  await runToEnd(b.bot);
  expect(await b.bot.stateOf(2)).toBe('succeeded');
});

test('a card whose ref was lost in a crash is posted again when the job runs, and the outcome lands in its thread', async () => {
  const a = startProcess();
  await a.bot.start();
  await say(a.bot, 'alice', 'migrate vm42 to node2');
  await a.kill();
  const store = createFileStore(join(dir, 'state.json'));
  await store.update(1, (r) => ({ ...r, cardRef: undefined })); // as if killed between the post and saving its ref

  const b = startProcess();
  await b.bot.start();
  await approve(b.bot, 'bob', 1);
  await runToEnd(b.bot);
  const cards = chat.messages().filter((m) => m.kind === 'post' && m.message.text.startsWith('#1 '));
  expect(cards).toHaveLength(2);
  expect(chat.threadOf(cards[1]!.ref).filter((s) => s.message.text.includes('✅ #1 vm42 is running on node2'))).toHaveLength(1);
});

test('killed after writing the outcome and before announcing it, the next process writes its audit entry and announces it once', async () => {
  const audit = createMemoryAuditLog();
  const a = startProcess({ audit, dieAfterUpdate: (saved) => saved.state === 'succeeded' });
  await a.bot.start();
  await say(a.bot, 'alice', 'migrate vm42 to node2');
  await approve(a.bot, 'bob', 1);
  for (let i = 0; i < 2000 && !a.dead(); i++) {
    await clock.advance(500);
    await new Promise((r) => setTimeout(r, 1));
  }
  expect(a.dead()).toBe(true);
  const card = chat.messages()[0]!;
  const announced = () => chat.threadOf(card.ref).filter((s) => s.message.text.includes('✅ #1 vm42 is running on node2'));
  expect(announced()).toHaveLength(0);
  expect(audit.entries.map((e) => e.event)).not.toContain('job-succeeded');

  const b = startProcess({ audit });
  await b.bot.start();
  await runToEnd(b.bot);
  expect(announced()).toHaveLength(1);
  expect(audit.entries.filter((e) => e.event === 'job-succeeded')).toHaveLength(1);
  expect(cluster.stats().started).toBe(1);
  expect((await createFileStore(join(dir, 'state.json')).get(1))?.job?.announcing).toBeUndefined();

  // Announced once: a third start finds nothing left to say.
  const c = startProcess({ audit });
  await c.bot.start();
  await runToEnd(c.bot);
  expect(announced()).toHaveLength(1);
});
