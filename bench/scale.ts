/**
 * @module bench/scale: the bot on generated clusters of 3 nodes/24 VMs, 16/1,000 and 64/8,000
 * (Windows Server's limits), in one run: wall time of `vms`, `nodes`, `migrate … to best
 * --what-if` and `drain … --what-if`; the largest Slack message and Teams activity any answer
 * became, against the platforms' limits; peak memory. Rows from bench/scale-hooks.ts producers
 * (bench/scale-drain.ts when present) follow for each size.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { commands } from '../commands/index.js';
import { BLOCK_KIT_LIMITS, MESSAGE_TEXT_LIMIT } from '../adapters/slack/limits.js';
import { TEAMS_MESSAGE_LIMITS } from '../adapters/teams/limits.js';
import { createSystemClock, type Clock } from '../src/cluster/clock.js';
import { createVirtualClock } from '../src/cluster/virtual-clock.js';
import { scaleInventory } from '../src/cluster/simulator/scale-inventory.js';
import { createSimulatedCluster } from '../src/cluster/simulator/simulated-cluster.js';
import { createBot, type Bot } from '../src/core/bot.js';
import type { ChatAdapter, ChatMessage, MessageRef } from '../src/core/chat.js';
import { thousands } from '../src/core/format.js';
import { silentLogger } from '../src/core/logger.js';
import { createMemoryAuditLog } from '../src/store/audit-file.js';
import { createMemoryStore } from '../src/store/low-store.js';
import { largest, messageSize } from './message-size.js';
import { scaleRowProducers, type ScaleSize } from './scale-hooks.js';
import { percentile, type Bench, type BenchRow } from './table.js';

const SIZES = [[3, 24], [16, 1000], [64, 8000]] as const;
const RUNS = 5;
const where = { platform: 'bench', conversation: 'c1' };
const actor = (name: string) => ({ platform: 'bench', id: name, name });
const users = [
  { name: 'alice', ids: { bench: 'alice' }, roles: { '*': 'operator' as const } },
  { name: 'bob', ids: { bench: 'bob' }, roles: { '*': 'approver' as const } },
];

/** Every answer the sizes are taken over: the reads, the what-ifs and an approval card. */
const ANSWERS = [
  'vms', 'vms off', 'vms on node02', 'vms page 2', 'vms matching sql*', 'nodes', 'nodes page 2', 'volumes', 'events', 'help',
  'validate', 'migrate web0001 to best --what-if', 'drain node02 --what-if', 'drain node02', 'jobs', 'audit',
];

/** A chat platform that answers at once and keeps what it was sent. */
function keepingAdapter(sent: ChatMessage[]): ChatAdapter {
  let seq = 0;
  const ref = (): MessageRef => ({ platform: 'bench', conversation: 'c1', messageId: String(++seq), thread: String(seq) });
  return {
    platform: 'bench',
    start: async () => undefined,
    stop: async () => undefined,
    post: async (_w, m) => (sent.push(m), ref()),
    reply: async (_r, m) => (sent.push(m), ref()),
    update: async (_r, m) => void sent.push(m),
  };
}

/** The real clock for wall times; a virtual one (jumping when idle) for answers that wait, like validate. */
function buildBot(size: ScaleSize, sent: ChatMessage[], clock: Clock): Bot {
  return createBot({
    specs: commands,
    clusters: [createSimulatedCluster({ inventory: size.inventory, clock })],
    users,
    adapters: [keepingAdapter(sent)],
    store: createMemoryStore(),
    audit: createMemoryAuditLog(),
    clock,
    logger: silentLogger,
    policy: { clusters: {}, requestTtlMs: 1_800_000, progressIntervalMs: 3000, pollMs: 1000 },
  });
}

async function wallTime(bot: Bot, text: string): Promise<number> {
  const say = () => bot.handle({ kind: 'command', actor: actor('alice'), where, text });
  await say(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await say();
    times.push(performance.now() - t0);
  }
  return percentile(times.sort((a, b) => a - b), 50);
}

async function sizeRows(size: ScaleSize, heap: { peak: number }): Promise<BenchRow[]> {
  const sent: ChatMessage[] = [];
  const bot = buildBot(size, [], createSystemClock());
  const sample = () => (heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed));
  const rows: BenchRow[] = [];
  for (const text of ['vms', 'nodes', 'migrate web0001 to best --what-if', 'drain node02 --what-if']) {
    rows.push({ metric: `${size.label}: \`${text}\`, median of ${RUNS}`, value: `${(await wallTime(bot, text)).toFixed(1)} ms` });
    sample();
  }
  const answering = buildBot(size, sent, createVirtualClock({ auto: true }));
  for (const text of ANSWERS) {
    await answering.handle({ kind: 'command', actor: actor('alice'), where, text });
    sample();
  }
  const top = largest(sent.map(messageSize));
  const longestText = Math.max(...sent.map((m) => m.text.length));
  rows.push(
    {
      metric: `${size.label}: largest Slack message (${sent.length} answers)`,
      value: `${thousands(top.slackBytes)} B, ${top.slackBlocks} blocks`,
      note: `limit ${BLOCK_KIT_LIMITS.blocksPerMessage} blocks, ${thousands(MESSAGE_TEXT_LIMIT)} chars of text; longest neutral text ${thousands(longestText)} chars`,
    },
    {
      metric: `${size.label}: largest Teams activity`,
      value: `${thousands(top.teamsBytes)} B, ${top.teamsElements} card elements`,
      note: `budget ${thousands(TEAMS_MESSAGE_LIMITS.activityBudgetBytes)} B (documented ${thousands(TEAMS_MESSAGE_LIMITS.documentedActivityBytes)} B)`,
    },
  );
  await Promise.all([bot.idle(), answering.idle()]);
  return rows;
}

/** bench/scale-drain.ts adds its rows by importing scale-hooks.ts; it is optional. */
async function loadExtraProducers(): Promise<void> {
  if (!existsSync(new URL('./scale-drain.ts', import.meta.url))) return;
  const path = './scale-drain.js';
  await import(path);
}

export const scaleBench: Bench = {
  name: 'scale',
  async run() {
    await loadExtraProducers();
    const heap = { peak: 0 };
    const rows: BenchRow[] = [];
    for (const [nodes, vms] of SIZES) {
      const size: ScaleSize = { nodes, vms, label: `${nodes}/${thousands(vms)}`, inventory: scaleInventory({ nodes, vms }) };
      rows.push(...(await sizeRows(size, heap)));
      for (const produce of scaleRowProducers) rows.push(...(await produce(size)));
    }
    rows.push(
      { metric: 'peak JS heap sampled after each command', value: `${(heap.peak / 1024 / 1024).toFixed(0)} MiB` },
      { metric: 'peak resident memory of the bench process', value: `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB` },
    );
    return { title: 'Scale: 3/24, 16/1,000 and 64/8,000 nodes/VMs (simulated cluster in process)', rows };
  },
};
