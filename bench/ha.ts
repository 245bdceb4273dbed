/**
 * @module bench/ha: replicas on PostgreSQL. Approvals per second and p99 from the click to the
 * card's update with two replicas on the local PostgreSQL, against one replica on the state file
 * in the same run; takeover time when the lease holder, a process of its own, is SIGKILLed, p50
 * and max over 20 kills (aim ≤ 2× the lease time); and the cost of a state write with 1,000,000
 * past jobs in the table against 10 (aim ≤ 1.5×). A throwaway PostgreSQL (fsync on) is started and removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { commands } from '../commands/index.js';
import { createSystemClock } from '../src/cluster/clock.js';
import { demoInventory } from '../src/cluster/simulator/demo-inventory.js';
import { createSimulatedCluster } from '../src/cluster/simulator/simulated-cluster.js';
import type { AuditLog } from '../src/core/audit.js';
import { createBot, type Bot } from '../src/core/bot.js';
import type { ChatAdapter, MessageRef } from '../src/core/chat.js';
import { silentLogger } from '../src/core/logger.js';
import type { OperationRequest } from '../src/core/requests.js';
import type { Store } from '../src/core/store.js';
import { createFileAuditLog } from '../src/store/audit-file.js';
import { openFileStore } from '../src/store/low-store.js';
import { createClusterLeases } from '../src/store/postgres/cluster-leases.js';
import { openPostgresPool } from '../src/store/postgres/connect.js';
import { migrate } from '../src/store/postgres/migrate.js';
import { createPostgresAuditLog } from '../src/store/postgres/postgres-audit.js';
import { createPostgresStore } from '../src/store/postgres/postgres-store.js';
import { startPostgresCluster, stopPostgresCluster } from '../test/support/postgres-cluster.js';
import { percentile, type Bench, type BenchRow } from './table.js';

const APPROVALS = 400;
const IN_FLIGHT = 20;
const LEASE_MS = 1000;
const KILLS = 20;
const where = { platform: 'bench', conversation: 'c1' };
const actor = (name: string) => ({ platform: 'bench', id: name, name });
const users = [
  { name: 'alice', ids: { bench: 'alice' }, roles: { '*': 'operator' as const } },
  { name: 'bob', ids: { bench: 'bob' }, roles: { '*': 'approver' as const } },
];

/** Records when each card was last updated. */
function timingAdapter(updated: Map<string, number>): ChatAdapter {
  let seq = 0;
  const ref = (): MessageRef => ({ platform: 'bench', conversation: 'c1', messageId: String(++seq), thread: String(seq) });
  return {
    platform: 'bench',
    start: async () => undefined,
    stop: async () => undefined,
    post: async () => ref(),
    reply: async () => ref(),
    update: async (r) => void updated.set(r.messageId, performance.now()),
  };
}

/** Pending requests needing two approvals, so one approval updates the card and starts no job. */
function pending(id: number): OperationRequest {
  const now = Date.now();
  return {
    id, cluster: 'demo', command: 'migrate', args: { vm: `vm${id}`, node: 'node2', type: 'live' }, text: `migrate vm${id} to node2`, risk: 'change',
    summary: `Live migration of vm${id}`, facts: [], holds: [`vm:vm${id}`], requester: actor('alice'), where, state: 'pending', requiredApprovals: 2, approvals: [],
    createdAt: now, expiresAt: now + 3_600_000, cardRef: { platform: 'bench', conversation: 'c1', messageId: `card-${id}` },
  };
}

function replicaBot(store: Store, audit: AuditLog, updated: Map<string, number>): Bot {
  const clock = createSystemClock();
  return createBot({
    specs: commands, clusters: [createSimulatedCluster({ inventory: demoInventory, clock })], users, adapters: [timingAdapter(updated)], store, audit, clock, logger: silentLogger,
    policy: { clusters: { demo: { approvals: { change: 2, disruptive: 2 } } }, requestTtlMs: 3_600_000, progressIntervalMs: 3000, pollMs: 1000 },
    runsJobsOf: () => false,
  });
}

/** Approvals spread over the replicas, IN_FLIGHT at a time: per second, and p50/p99 from the click to the card's update. */
async function approvals(bots: Bot[], updated: Map<string, number>, firstId: number) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < APPROVALS; i = next++) {
      const id = firstId + i;
      const sent = performance.now();
      await bots[i % bots.length]!.handle({ kind: 'action', actor: actor('bob'), where, action: 'approve', requestId: id, deliveryId: `click-${id}` });
      latencies.push((updated.get(`card-${id}`) ?? performance.now()) - sent);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: APPROVALS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function fileReplica(dir: string) {
  const store = await openFileStore(join(dir, 'state.json'));
  const audit = createFileAuditLog(join(dir, 'audit.jsonl'), { heads: store });
  for (let id = 1; id <= APPROVALS; id++) await store.insert(pending(id));
  const updated = new Map<string, number>();
  return approvals([replicaBot(store, audit, updated)], updated, 1);
}

async function postgresReplicas(url: string) {
  const pools = [await openPostgresPool(url), await openPostgresPool(url)];
  try {
    await migrate(pools[0]!);
    const first = createPostgresStore(pools[0]!);
    for (let id = 1; id <= APPROVALS; id++) await first.insert(pending(id));
    const updated = new Map<string, number>();
    return await approvals(pools.map((p) => replicaBot(createPostgresStore(p), createPostgresAuditLog(p), updated)), updated, 1);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
}

/** A lease holder in its own process (bench/lease-holder.ts), resolved once it holds the lease. */
function holderProcess(url: string, cluster: string, holder: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lease-holder.ts', import.meta.url)), url, cluster, holder, String(LEASE_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => (chunk.toString().includes('held') ? resolve(child) : undefined));
    child.once('exit', (code) => reject(new Error(`the lease holder exited (${code}) before it held the lease`)));
  });
}

/**
 * The holder, a process of its own, is SIGKILLed while the other replica (here, renewing every
 * third of the lease as the bot does) waits; the time from the kill to the other holding the lease.
 */
async function takeovers(url: string) {
  const pool = await openPostgresPool(url, { poolSize: 4 });
  await migrate(pool);
  const times: number[] = [];
  try {
    for (let k = 0; k < KILLS; k++) {
      const cluster = `c${k}`;
      const noop = () => undefined;
      const holder = await holderProcess(url, cluster, `a${k}`);
      let tookOver: (at: number) => void = noop;
      const taken = new Promise<number>((resolve) => (tookOver = resolve));
      const other = createClusterLeases(pool, { clusters: [cluster], holder: `b${k}`, ttlMs: LEASE_MS, onAcquired: () => tookOver(performance.now()), onLost: noop });
      other.start();
      await new Promise((r) => setTimeout(r, Math.random() * LEASE_MS)); // anywhere in the holder's renewal cycle
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      const killed = performance.now();
      holder.kill('SIGKILL');
      await exited;
      times.push((await taken) - killed);
      await other.release();
    }
  } finally {
    await pool.end();
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), max: times[times.length - 1]! };
}

/** Time per write to a running job with `past` finished jobs in the table. */
async function writeCost(url: string, past: number): Promise<number> {
  const pool = await openPostgresPool(url, { poolSize: 2 });
  try {
    await migrate(pool);
    await pool.query(
      `INSERT INTO requests (id, state, cluster, settled_at, body)
       SELECT g, 'succeeded', 'prod', 1700000000000 + g, jsonb_build_object('id', g, 'state', 'succeeded', 'cluster', 'prod', 'command', 'migrate', 'summary', 'Live migration of vm' || (g % 500), 'holds', jsonb_build_array('vm:vm' || (g % 500)))
       FROM generate_series(1, $1::int) g`,
      [past],
    );
    await pool.query('ANALYZE requests');
    const store = createPostgresStore(pool);
    const active = { ...pending(past + 1), state: 'running' as const, job: { startedAt: 0, percent: 0, phase: 'starting' } };
    await store.insert(active);
    for (let i = 0; i < 50; i++) await store.update(active.id, (r) => r);
    const writes = 500;
    const t0 = performance.now();
    for (let i = 0; i < writes; i++) await store.update(active.id, (r) => ({ ...r, job: { ...r.job!, percent: i % 100 } }));
    return (performance.now() - t0) / writes;
  } finally {
    await pool.end();
  }
}

export const haBench: Bench = {
  name: 'ha',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-bench-ha-'));
    const server = await startPostgresCluster(dir, { durable: true }); // fsync on, as the state file's writes are
    const admin = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres`, max: 1 });
    const database = async (name: string) => {
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${server.port}/${name}`;
    };
    try {
      const file = await fileReplica(dir);
      const two = await postgresReplicas(await database('approvals'));
      const takeover = await takeovers(await database('leases'));
      const small = await writeCost(await database('history_small'), 10);
      const large = await writeCost(await database('history_large'), 1_000_000);
      const rows: BenchRow[] = [
        { metric: `approvals per second, one replica on the state file (${IN_FLIGHT} in flight)`, value: file.perSecond.toFixed(0) },
        { metric: 'approvals per second, two replicas on PostgreSQL', value: two.perSecond.toFixed(0), note: `ratio ${(two.perSecond / file.perSecond).toFixed(2)} of the file` },
        { metric: 'click → card update p50 / p99, file (ms)', value: `${file.p50.toFixed(1)} / ${file.p99.toFixed(1)}` },
        { metric: 'click → card update p50 / p99, two replicas on PostgreSQL (ms)', value: `${two.p50.toFixed(1)} / ${two.p99.toFixed(1)}` },
        { metric: `takeover after the holder process is SIGKILLed, p50 / max of ${KILLS} (ms)`, value: `${takeover.p50.toFixed(0)} / ${takeover.max.toFixed(0)}`, note: `lease ${LEASE_MS} ms; max ${(takeover.max / LEASE_MS).toFixed(2)}× the lease (aim ≤ 2×)` },
        { metric: 'state write, 10 past jobs in the table (ms)', value: small.toFixed(2) },
        { metric: 'state write, 1,000,000 past jobs in the table (ms)', value: large.toFixed(2), note: `ratio ${(large / small).toFixed(2)} (aim ≤ 1.5)` },
      ];
      return { title: 'Replicas on PostgreSQL (bench ha)', rows };
    } finally {
      await admin.end();
      stopPostgresCluster(dir);
      await rm(dir, { recursive: true, force: true });
    }
  },
};
