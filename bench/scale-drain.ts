/**
 * @module bench/scale-drain: a drain of one node's VMs under the real clock, at 3 nodes/24 VMs,
 * 16/1,000 and 64/8,000 (the Windows Server limits), through the whole bot on the simulated
 * cluster. Measured: the makespan against the lower bound the per-node limit sets (each VM's own
 * duration, `limit` at a time, or the longest), so every hand-off that waits shows in the ratio;
 * and the messages the drain posts (posts and replies; edits of the progress message apart).
 * Migrations run at a faster link than the default (32 GB/s, short setup) so that one run takes
 * under a minute; the hand-off cost is the same whatever the link, so it weighs more, not less.
 */
import { performance } from 'node:perf_hooks';
import { commands } from '../commands/index.js';
import { createSystemClock, type Clock } from '../src/cluster/clock.js';
import type { ClusterInventory } from '../src/cluster/simulator/inventory.js';
import { defaultMigrationTiming, planLiveMigration, type MigrationTiming } from '../src/cluster/simulator/migration-plan.js';
import { createSimulatedCluster } from '../src/cluster/simulator/simulated-cluster.js';
import { createBot } from '../src/core/bot.js';
import type { ChatAdapter, MessageRef } from '../src/core/chat.js';
import { silentLogger } from '../src/core/logger.js';
import { createMemoryAuditLog } from '../src/store/audit-file.js';
import { createMemoryStore } from '../src/store/low-store.js';
import { createMigrationLedger } from '../src/cluster/remote/migration-ledger.js';
import type { WatchSnapshot } from '../src/cluster/remote/schemas.js';
import { watchRemoteMigration } from '../src/cluster/remote/watch-migration.js';
import type { Bench, BenchRow } from './table.js';

export const DRAIN_SIZES = [
  { nodes: 3, vms: 24 },
  { nodes: 16, vms: 1000 },
  { nodes: 64, vms: 8000 },
] as const;

const LIMIT = 2;
const GiB = 1024;
const timing: MigrationTiming = { ...defaultMigrationTiming, bandwidthMBps: 32_768, setupMs: 20, stateTransferMs: 30, moveMs: 150 };
const users = [
  { name: 'alice', ids: { bench: 'alice' }, roles: { '*': 'operator' as const } },
  { name: 'bob', ids: { bench: 'bob' }, roles: { '*': 'approver' as const } },
  { name: 'carol', ids: { bench: 'carol' }, roles: { '*': 'approver' as const } },
];
const where = { platform: 'bench', conversation: 'c1' };
const actor = (name: string) => ({ platform: 'bench', id: name, name });

/** `vms` VMs spread evenly over `nodes` nodes (node01 holds its share); memory 2–16 GiB, dirty rates 20–180 MB/s. */
export function generatedInventory(nodes: number, vms: number): ClusterInventory {
  const sizes = [16, 12, 8, 8, 6, 4, 4, 2];
  const names = Array.from({ length: nodes }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);
  return {
    name: `bench-${nodes}`,
    nodes: names.map((name) => ({ name, memoryMB: 4096 * GiB, reserveMB: 8 * GiB, liveMigrationLimit: LIMIT })),
    vms: Array.from({ length: vms }, (_, i) => ({
      name: `vm${String(i + 1).padStart(4, '0')}`, node: names[i % nodes]!, memoryMB: sizes[i % sizes.length]! * GiB, dirtyMBps: 20 + (i % 5) * 40,
    })),
  };
}

/** Counts what the drain sends, answering at once. */
function countingAdapter(counts: { sent: number; edits: number; last: string }): ChatAdapter {
  let seq = 0;
  const ref = (): MessageRef => ({ platform: 'bench', conversation: 'c1', messageId: String(++seq), thread: String(seq) });
  return {
    platform: 'bench',
    start: async () => undefined,
    stop: async () => undefined,
    post: async () => (counts.sent++, ref()),
    reply: async (_parent, message) => ((counts.sent++, (counts.last = message.text)), ref()),
    update: async () => void counts.edits++,
  };
}

export interface DrainMeasure {
  nodes: number;
  vms: number;
  drained: number;
  makespanMs: number;
  lowerBoundMs: number;
  sent: number;
  edits: number;
  left: number;
  /** The drain's own completion notice. */
  summary: string;
}

export async function measureDrain(nodes: number, vms: number, clock: Clock = createSystemClock()): Promise<DrainMeasure> {
  const inventory = generatedInventory(nodes, vms);
  const cluster = createSimulatedCluster({ inventory, clock, timing });
  const counts = { sent: 0, edits: 0, last: '' };
  const bot = createBot({
    specs: commands, clusters: [cluster], users, adapters: [countingAdapter(counts)], store: createMemoryStore(),
    audit: createMemoryAuditLog(), clock, logger: silentLogger,
    policy: { clusters: {}, requestTtlMs: 1_800_000, progressIntervalMs: 3000, pollMs: 1000 },
  });
  await bot.start();
  await bot.handle({ kind: 'command', actor: actor('alice'), where, text: 'drain node01' });
  await bot.handle({ kind: 'action', actor: actor('bob'), where, action: 'approve', requestId: 1 });
  const t0 = clock.now();
  await bot.handle({ kind: 'action', actor: actor('carol'), where, action: 'approve', requestId: 1 });
  await bot.idle();
  const makespanMs = clock.now() - t0;
  await bot.stop();
  const mine = inventory.vms!.filter((vm) => vm.node === 'node01');
  const durations = mine.map((vm) => planLiveMigration({ memoryMB: vm.memoryMB, dirtyMBps: vm.dirtyMBps ?? 0 }, timing).totalMs);
  const lowerBoundMs = Math.max(durations.reduce((a, b) => a + b, 0) / LIMIT, ...durations);
  const left = (await cluster.listVms({ node: 'node01' })).length;
  return { nodes, vms, drained: mine.length, makespanMs, lowerBoundMs, sent: counts.sent, edits: counts.edits, left, summary: counts.last };
}

/** One row per figure, for `npm run bench -- drain` and for the scale bench. */
export async function scaleDrainRows(sizes: readonly { nodes: number; vms: number }[] = DRAIN_SIZES): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    const started = performance.now();
    const m = await measureDrain(size.nodes, size.vms);
    const label = `${m.nodes} nodes/${m.vms.toLocaleString('en-US')} VMs: drain of node01 (${m.drained} VMs)`;
    const ratio = m.makespanMs / m.lowerBoundMs;
    rows.push(
      { metric: `${label}, makespan (real clock) / lower bound`, value: `${(m.makespanMs / 1000).toFixed(2)} s / ${(m.lowerBoundMs / 1000).toFixed(2)} s` },
      { metric: `${label}, makespan ÷ lower bound`, value: ratio.toFixed(3), note: ratio <= 1.05 ? 'aim ≤ 1.05 ✓' : 'aim ≤ 1.05 ✗' },
      { metric: `${label}, messages posted (posts + replies) / edits`, value: `${m.sent} / ${m.edits}`, note: `${(m.sent / m.drained).toFixed(3)} per VM; aim ≤ 12 in all` },
      { metric: `${label}, VMs left on node01 / bench wall time`, value: `${m.left} / ${((performance.now() - started) / 1000).toFixed(1)} s`, note: 'must be 0' },
    );
  }
  return rows;
}

/**
 * A real cluster only says a migration ended when it is next looked at: the remote watch (as
 * RemoteCluster runs it, on a 1 s poll) follows migrations of 2.1–3.9 s whose cluster answers
 * from the clock, and the time from each end to the watch returning is what a hand-off waits.
 */
export async function remoteHandOffRow(clock: Clock = createSystemClock()): Promise<BenchRow> {
  const lengths = [2100, 2450, 2800, 3150, 3500, 3900];
  const late = await Promise.all(lengths.map(async (lengthMs, i) => {
    const start = clock.now();
    const ledger = createMigrationLedger();
    ledger.start({ vmId: `id-${i}`, source: 'node1', target: 'node2', type: 'live', at: start });
    const poll = async () => syntheticSnapshot(i, clock.now() - start, lengthMs);
    const watch = watchRemoteMigration({ clock, ledger, poll, defaultPollMs: 1000, graceMs: 30_000 }, { vm: `vm${i}`, node: 'node2', type: 'live' });
    for (let next = await watch.next(); !next.done; next = await watch.next());
    return clock.now() - (start + lengthMs);
  }));
  const mean = late.reduce((a, b) => a + b, 0) / late.length;
  return { metric: 'remote watch (1 s poll): from a migration\'s end to the slot freed, mean / worst', value: `${mean.toFixed(0)} ms / ${Math.max(...late).toFixed(0)} ms`, note: 'a fixed 1 s poll waits 500 ms on average' };
}

function syntheticSnapshot(i: number, elapsed: number, lengthMs: number): WatchSnapshot {
  const vm = { name: `vm${i}`, id: `id-${i}`, groupState: 'Online', resourceState: 'Online', vmState: 'Running' };
  if (elapsed >= lengthMs) {
    const lastJob = { host: 'node1', destinationHost: 'node2', jobState: 'Completed', percentComplete: 100, elapsedMs: lengthMs };
    return { vm: { ...vm, ownerNode: 'node2' }, target: 'node2', jobs: [], lastJob, resource: {} } as unknown as WatchSnapshot;
  }
  const percent = Math.floor((elapsed / lengthMs) * 100);
  const job = { host: 'node1', destinationHost: 'node2', jobState: 'Running', percentComplete: percent };
  return { vm: { ...vm, ownerNode: 'node1' }, target: 'node2', jobs: [job], resource: { migrationState: 'DataTransfer', migrationProgress: percent } } as unknown as WatchSnapshot;
}

export const drainBench: Bench = {
  name: 'drain',
  async run() {
    return { title: 'Drain under the real clock (simulated cluster, whole bot)', rows: [...(await scaleDrainRows()), await remoteHandOffRow()] };
  },
};
