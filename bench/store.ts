/**
 * @module bench/store: does a write cost the same after a year of use? Time per state write
 * and per audit append with 10, 10,000 and 1,000,000 past entries, and the state file's size
 * after 100,000 finished jobs (archived after 14 days) against keeping them all.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { OperationRequest } from '../src/core/requests.js';
import { createFileAuditLog, GENESIS } from '../src/store/audit-file.js';
import { openFileStore } from '../src/store/low-store.js';
import type { Bench, BenchRow } from './table.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25);

function finishedJob(id: number, finishedAt: number): OperationRequest {
  return {
    id,
    cluster: 'prod-a',
    command: 'migrate',
    args: { vm: `vm${id % 500}`, node: `node${(id % 4) + 1}`, type: 'live' },
    text: `migrate vm${id % 500} to node${(id % 4) + 1}`,
    risk: 'change',
    summary: `Live migration of vm${id % 500}`,
    facts: [{ label: 'Target', value: `node${(id % 4) + 1} is Up`, ok: true }],
    holds: [`vm:vm${id % 500}`],
    requester: { platform: 'slack', id: 'U012ALICE', name: 'alice' },
    where: { platform: 'slack', conversation: 'C0123OPS' },
    state: 'succeeded',
    requiredApprovals: 1,
    approvals: [{ actor: { platform: 'slack', id: 'U034BOB', name: 'bob' }, at: finishedAt - 60_000 }],
    createdAt: finishedAt - 120_000,
    expiresAt: finishedAt + 1_680_000,
    job: { startedAt: finishedAt - 50_000, finishedAt, percent: 100, phase: 'done', summary: 'vm is running on node2' },
  };
}

/**
 * The state after `count` jobs over a year: the counter at count + 1, and the finished jobs a
 * file can still hold (at most the newest 50,000: a million would not fit in a JSON string, which
 * is the point of archiving), then one running job. The store's first write archives the rest.
 */
async function stateWithHistory(file: string, count: number) {
  const held = Math.min(count, 50_000);
  const requests = Array.from({ length: held }, (_, i) => {
    const id = count - held + i + 1;
    return finishedJob(id, NOW - DAY * 365 + Math.floor((id / count) * DAY * 365));
  });
  requests.push({ ...finishedJob(count + 1, NOW), state: 'running', job: { startedAt: NOW, percent: 0, phase: 'starting' } });
  await writeFile(file, JSON.stringify({ version: 1, nextRequestId: count + 2, requests, deliveries: {} }));
  return count + 1;
}

async function timeStateWrites(dir: string, past: number, writes: number): Promise<number> {
  const file = join(dir, `state-${past}.json`);
  const active = await stateWithHistory(file, past);
  const store = await openFileStore(file, { archiveAfterMs: 14 * DAY, now: () => NOW });
  await store.update(active, (r) => r); // the first write archives the old history
  for (let i = 0; i < 20; i++) await store.update(active, (r) => r); // warm-up
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  for (let i = 0; i < writes; i++) await store.update(active, (r) => ({ ...r, job: { ...r.job!, percent: i % 100 } }));
  return (performance.now() - t0) / writes;
}

async function auditWithHistory(file: string, lines: number) {
  const out = createWriteStream(file);
  const line = (seq: number) => JSON.stringify({ at: new Date(NOW).toISOString(), event: 'job-succeeded', requestId: 1, cluster: 'prod-a', command: 'migrate', detail: 'vm42 is running on node2', seq, prev: GENESIS });
  for (let i = 0; i < lines; i++) if (!out.write(`${line(i + 1)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
  // Flushed now, so the first fsync of the timed appends does not pay for writing the history.
  const handle = await open(file, 'r+');
  await handle.sync();
  await handle.close();
}

async function timeAuditAppends(dir: string, past: number, appends: number): Promise<number> {
  const file = join(dir, `audit-${past}.jsonl`);
  await auditWithHistory(file, past);
  const log = createFileAuditLog(file);
  await log.open(); // reads the end once, as the bot does at start
  const t0 = performance.now();
  for (let i = 0; i < appends; i++) await log.append({ at: new Date(NOW).toISOString(), event: 'approved', requestId: i, cluster: 'prod-a', actor: { platform: 'slack', id: 'U034BOB', name: 'bob' } });
  return (performance.now() - t0) / appends;
}

async function sizeAfter(dir: string, jobs: number, archive: boolean): Promise<number> {
  const file = join(dir, `size-${archive}.json`);
  const active = await stateWithHistory(file, jobs);
  const store = await openFileStore(file, archive ? { archiveAfterMs: 14 * DAY, now: () => NOW } : {});
  await store.update(active, (r) => r);
  return (await stat(file)).size;
}

export const storeBench: Bench = {
  name: 'store',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-bench-'));
    try {
      const rows: BenchRow[] = [];
      const state: number[] = [];
      const audit: number[] = [];
      for (const past of [10, 10_000, 1_000_000]) {
        state.push(await timeStateWrites(dir, past, 500));
        audit.push(await timeAuditAppends(dir, past, 2000));
        rows.push({ metric: `state write with ${past.toLocaleString('en')} past jobs`, value: `${state.at(-1)!.toFixed(3)} ms` });
        rows.push({ metric: `audit append with ${past.toLocaleString('en')} past entries`, value: `${audit.at(-1)!.toFixed(3)} ms` });
      }
      rows.push({ metric: 'state write: 1,000,000 ÷ 10 past', value: (state[2]! / state[0]!).toFixed(2), note: 'aim ≤ 1.5' });
      rows.push({ metric: 'audit append: 1,000,000 ÷ 10 past', value: (audit[2]! / audit[0]!).toFixed(2), note: 'aim ≤ 1.5' });
      const archived = await sizeAfter(dir, 100_000, true);
      const kept = await sizeAfter(dir, 100_000, false);
      rows.push({ metric: 'state file after 100,000 finished jobs (archived: 14 days, newest 20)', value: `${(archived / 1024).toFixed(1)} KiB` });
      rows.push({ metric: 'the same, keeping the 50,000 newest in the live state', value: `${(kept / 1024 / 1024).toFixed(1)} MiB`, note: `${(kept / archived).toFixed(0)}× larger` });
      return { title: 'State and audit log (file system, fsync on every state write and audit append)', rows };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
