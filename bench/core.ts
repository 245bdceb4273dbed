/**
 * @module bench/core: the engine's own figures. Read commands: throughput and latency from
 * ChatEvent to reply. Drain: the makespan of 24 VMs leaving one node against the lower bound
 * the per-node live-migration limit sets (each VM's own duration, two at a time).
 */
import { performance } from 'node:perf_hooks';
import { commands } from '../commands/index.js';
import type { Clock } from '../src/cluster/clock.js';
import { createSystemClock } from '../src/cluster/clock.js';
import { defaultMigrationTiming, planLiveMigration } from '../src/cluster/simulator/migration-plan.js';
import { createSimulatedCluster } from '../src/cluster/simulator/simulated-cluster.js';
import { demoInventory } from '../src/cluster/simulator/demo-inventory.js';
import type { ClusterInventory } from '../src/cluster/simulator/inventory.js';
import { createVirtualClock } from '../src/cluster/virtual-clock.js';
import { createBot } from '../src/core/bot.js';
import type { ChatAdapter, ChatEvent, MessageRef } from '../src/core/chat.js';
import { silentLogger } from '../src/core/logger.js';
import { createMemoryAuditLog } from '../src/store/audit-file.js';
import { createMemoryStore } from '../src/store/low-store.js';
import { hostileMessageFigures } from './hostile-messages.js';
import { percentile, type Bench, type BenchRow } from './table.js';

const users = [
  { name: 'alice', ids: { bench: 'alice' }, roles: { '*': 'operator' as const } },
  { name: 'bob', ids: { bench: 'bob' }, roles: { '*': 'approver' as const } },
  { name: 'carol', ids: { bench: 'carol' }, roles: { '*': 'approver' as const } },
];
const where = { platform: 'bench', conversation: 'c1' };
const actor = (name: string) => ({ platform: 'bench', id: name, name });

/** A chat platform that answers at once and counts what it was sent. */
function countingAdapter(onPost: () => void): ChatAdapter {
  let seq = 0;
  const ref = (): MessageRef => ({ platform: 'bench', conversation: 'c1', messageId: String(++seq), thread: String(seq) });
  return {
    platform: 'bench',
    start: async () => undefined,
    stop: async () => undefined,
    post: async () => (onPost(), ref()),
    reply: async () => ref(),
    update: async () => undefined,
  };
}

function buildBot(inventory: ClusterInventory, clock: Clock, onPost: () => void = () => undefined) {
  const cluster = createSimulatedCluster({ inventory, clock });
  const bot = createBot({
    specs: commands,
    clusters: [cluster],
    users,
    adapters: [countingAdapter(onPost)],
    store: createMemoryStore(),
    audit: createMemoryAuditLog(),
    clock,
    logger: silentLogger,
    policy: { clusters: {}, requestTtlMs: 1_800_000, progressIntervalMs: 3000, pollMs: 1000 },
  });
  return { bot, cluster };
}

async function readCommandFigures(): Promise<BenchRow[]> {
  const { bot } = buildBot(demoInventory, createSystemClock());
  const event: ChatEvent = { kind: 'command', actor: actor('alice'), where, text: 'vms on node1' };
  for (let i = 0; i < 200; i++) await bot.handle(event); // warm-up
  const latencies: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    await bot.handle(event);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const total = 5000;
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next++ < total) await bot.handle(event);
  }));
  const perSecond = total / ((performance.now() - t0) / 1000);
  return [
    { metric: 'read command (`vms on node1`) handled per second, 50 in flight', value: perSecond.toFixed(0) },
    { metric: 'ChatEvent → reply latency p50', value: `${percentile(latencies, 50).toFixed(3)} ms` },
    { metric: 'ChatEvent → reply latency p99', value: `${percentile(latencies, 99).toFixed(3)} ms` },
  ];
}

function drainInventory(): ClusterInventory {
  const sizes = [16, 12, 8, 8, 6, 4, 4, 2];
  return {
    name: 'bench',
    nodes: ['node1', 'node2', 'node3'].map((name) => ({ name, memoryMB: 512 * 1024, reserveMB: 8192, liveMigrationLimit: 2 })),
    vms: Array.from({ length: 24 }, (_, i) => ({ name: `vm${String(i + 1).padStart(2, '0')}`, node: 'node1', memoryMB: sizes[i % sizes.length]! * 1024, dirtyMBps: 20 + (i % 5) * 40 })),
  };
}

async function drainFigures(): Promise<BenchRow[]> {
  const clock = createVirtualClock();
  const inventory = drainInventory();
  const { bot, cluster } = buildBot(inventory, clock);
  await bot.handle({ kind: 'command', actor: actor('alice'), where, text: 'drain node1' });
  const started = clock.now();
  await bot.handle({ kind: 'action', actor: actor('bob'), where, action: 'approve', requestId: 1 });
  await bot.handle({ kind: 'action', actor: actor('carol'), where, action: 'approve', requestId: 1 });
  await bot.idle();
  const makespan = clock.now() - started;
  const durations = inventory.vms!.map((vm) => planLiveMigration({ memoryMB: vm.memoryMB, dirtyMBps: vm.dirtyMBps ?? 0 }, defaultMigrationTiming).totalMs);
  const lowerBound = Math.max(durations.reduce((a, b) => a + b, 0) / 2, Math.max(...durations));
  const left = (await cluster.listVms({ node: 'node1' })).length;
  const max = cluster.stats().maxConcurrentMigrations;
  return [
    { metric: 'drain of 24 VMs (node1 → node2, node3), makespan (simulated)', value: `${(makespan / 1000).toFixed(1)} s` },
    { metric: 'lower bound: Σ VM durations ÷ limit 2, or the longest VM', value: `${(lowerBound / 1000).toFixed(1)} s` },
    { metric: 'makespan ÷ lower bound', value: (makespan / lowerBound).toFixed(3), note: 'aim ≤ 1.10' },
    { metric: 'VMs left on node1 / most concurrent moves on node1', value: `${left} / ${max.node1 ?? 0}`, note: 'must be 0 / ≤ 2' },
  ];
}

export const coreBench: Bench = {
  name: 'core',
  async run() {
    return { title: 'Core engine (simulated cluster, in-process chat)', rows: [...(await readCommandFigures()), ...(await drainFigures()), ...(await hostileMessageFigures(buildBot(demoInventory, createSystemClock()).bot))] };
  },
};
