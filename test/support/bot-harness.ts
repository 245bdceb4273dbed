/**
 * @module bot-harness: the real bot (createBot, every command spec) on a SimulatedCluster with
 * the demo inventory, a virtual clock, the in-memory store and audit log, and a recording chat.
 * Tests speak to it as people do: `h.say('alice', 'migrate vm42 to node2')`, `h.click('bob', 'approve', 1)`.
 */
import { commands } from '../../commands/index.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import type { Role, UserEntry } from '../../src/core/access.js';
import type { AuditEntry, AuditLog } from '../../src/core/audit.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import type { Actor, ChatAction, Where } from '../../src/core/chat.js';
import type { AnyCommandSpec } from '../../src/core/command-spec.js';
import type { DispatchResult } from '../../src/core/dispatcher.js';
import { DEFAULT_CLUSTER_POLICY, type BotPolicy, type ClusterPolicy } from '../../src/core/policy.js';
import type { OperationRequest } from '../../src/core/requests.js';
import type { Store } from '../../src/core/store.js';
import { createMemoryAuditLog } from '../../src/store/audit-file.js';
import { createMemoryStore } from '../../src/store/low-store.js';
import { createCapturingLogger, type CapturingLogger } from './capturing-logger.js';
import { createRecordingChat, type RecordingChat } from './recording-chat.js';

export const PLATFORM = 'test';
export const CHANNEL: Where = { platform: PLATFORM, conversation: 'ops' };

/** The demo's people: alice operator, bob and carol approvers, dave viewer, erin admin. */
export const demoUsers: UserEntry[] = [
  user('alice', 'operator'),
  user('bob', 'approver'),
  user('carol', 'approver'),
  user('dave', 'viewer'),
  user('erin', 'admin'),
];

export function user(name: string, role: Role, ids: Record<string, string> = {}): UserEntry {
  return { name, ids: { [PLATFORM]: name, ...ids }, roles: { '*': role } };
}

export interface BotHarnessOptions {
  inventory?: ClusterInventory;
  /** Cluster names; each gets the inventory under its own name (default ['demo']). */
  clusters?: string[];
  users?: UserEntry[];
  /** Per-cluster policy overrides and timing. */
  policy?: Partial<Omit<BotPolicy, 'clusters'>> & { clusters?: Record<string, ClusterPolicy> };
  /** false: time moves only with clock.advance (default true: jumps whenever the process is idle). */
  autoClock?: boolean;
  /** Extra chat platforms besides 'test'. */
  platforms?: string[];
  /** Wraps each simulated cluster before the bot sees it (a cluster that fails, say). */
  decorate?: (cluster: SimulatedCluster) => Cluster;
  store?: Store;
  audit?: AuditLog & { entries: AuditEntry[] };
  specs?: readonly AnyCommandSpec[];
}

export interface BotHarness {
  bot: Bot;
  clock: VirtualClock;
  /** The first cluster. */
  cluster: SimulatedCluster;
  clusters: Map<string, SimulatedCluster>;
  store: Store;
  audit: AuditLog & { entries: AuditEntry[] };
  chat: RecordingChat;
  logger: CapturingLogger;
  policy: BotPolicy;
  actor(name: string, platform?: string): Actor;
  /** A typed command from `name` in the ops channel (or elsewhere). */
  say(name: string, text: string, extra?: { where?: Where; deliveryId?: string; platform?: string }): Promise<DispatchResult>;
  /** A button click. */
  click(name: string, action: ChatAction, requestId: number, extra?: { reason?: string; deliveryId?: string; platform?: string }): Promise<DispatchResult>;
  request(id: number): Promise<OperationRequest>;
  /** The last private answer to this person, as text. */
  lastAnswerTo(name: string): string;
  /** Waits until no job runs. */
  idle(): Promise<void>;
  /** Moves the clock in steps until no job runs (for a clock that does not move by itself). */
  runUntilIdle(stepMs?: number): Promise<void>;
  /** Moves the clock in steps until `ready` holds; fails after `maxMs` of clock time. */
  advanceUntil(ready: () => boolean | Promise<boolean>, stepMs?: number, maxMs?: number): Promise<void>;
}

export async function createBotHarness(o: BotHarnessOptions = {}): Promise<BotHarness> {
  const clock = createVirtualClock({ auto: o.autoClock ?? true });
  const inventory = o.inventory ?? demoInventory;
  const clusters = new Map((o.clusters ?? [inventory.name]).map((name) => [name, createSimulatedCluster({ inventory: { ...inventory, name }, clock })]));
  const chat = createRecordingChat({ now: () => clock.now() });
  const logger = createCapturingLogger();
  const store = o.store ?? createMemoryStore();
  const audit = o.audit ?? createMemoryAuditLog();
  const names = [...clusters.keys()];
  const policy: BotPolicy = {
    requestTtlMs: 30 * 60_000,
    progressIntervalMs: 3000,
    pollMs: 1000,
    ...o.policy,
    clusters: { ...Object.fromEntries(names.map((n) => [n, DEFAULT_CLUSTER_POLICY])), ...o.policy?.clusters },
  };
  const platforms = [PLATFORM, ...(o.platforms ?? [])];
  const bot = createBot({
    specs: o.specs ?? commands,
    clusters: [...clusters.values()].map((c) => (o.decorate ? o.decorate(c) : c)),
    users: o.users ?? demoUsers,
    adapters: platforms.map((p) => chat.adapter(p)),
    store,
    audit,
    clock,
    logger,
    policy,
  });
  await bot.start();
  const actor = (name: string, platform = PLATFORM): Actor => ({ platform, id: name, name });
  const where = (platform: string | undefined): Where => (platform ? { ...CHANNEL, platform } : CHANNEL);
  return {
    bot,
    clock,
    cluster: clusters.values().next().value!,
    clusters,
    store,
    audit,
    chat,
    logger,
    policy,
    actor,
    say: (name, text, extra = {}) =>
      chat.deliver({ kind: 'command', actor: actor(name, extra.platform), where: extra.where ?? where(extra.platform), text, ...(extra.deliveryId ? { deliveryId: extra.deliveryId } : {}) }) as Promise<DispatchResult>,
    click: (name, action, requestId, extra = {}) =>
      chat.deliver({
        kind: 'action', actor: actor(name, extra.platform), where: where(extra.platform), action, requestId,
        ...(extra.reason ? { reason: extra.reason } : {}), ...(extra.deliveryId ? { deliveryId: extra.deliveryId } : {}),
      }) as Promise<DispatchResult>,
    async request(id) {
      const r = await store.get(id);
      if (!r) throw new Error(`no request #${id}`);
      return r;
    },
    lastAnswerTo(name) {
      const mine = chat.privateTo(name);
      const last = mine[mine.length - 1];
      if (!last) throw new Error(`nothing was said to ${name} alone`);
      return last.message.text;
    },
    idle: () => bot.idle(),
    async runUntilIdle(stepMs = 250) {
      let done = false;
      const idle = bot.idle().then(() => (done = true));
      while (!done) await clock.advance(stepMs);
      await idle;
    },
    async advanceUntil(ready, stepMs = 50, maxMs = 600_000) {
      for (let waited = 0; !(await ready()); waited += stepMs) {
        if (waited > maxMs) throw new Error(`still not ready after ${maxMs} ms of clock time`);
        await clock.advance(stepMs);
      }
    },
  };
}
