/**
 * Cluster leases on PostgreSQL: one replica at a time runs a cluster's jobs; when it stops
 * renewing (killed, paused) another takes over once the lease runs out, with a higher
 * generation, and the writes of the one that stopped are refused from then on (fencing), even
 * before it notices. A clean stop lets go at once.
 */
import type { OperationRequest } from '../../src/core/requests.js';
import { createClusterLeases, type LeaseChange } from '../../src/store/postgres/cluster-leases.js';
import { LeaseLostError } from '../../src/store/postgres/errors.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openTestDatabase, type TestDatabase } from '../support/postgres-store.js';

const TTL = 400;
let db: TestDatabase;
afterEach(async () => db?.close());

function replica(name: string) {
  const acquired: LeaseChange[] = [];
  const lost: string[] = [];
  const leases = createClusterLeases(db.pool, { clusters: ['prod', 'lab'], holder: name, ttlMs: TTL, onAcquired: (c) => acquired.push(c), onLost: (c) => lost.push(c) });
  return { leases, acquired, lost, store: createPostgresStore(db.pool, { fence: (client, before, next) => leases.fence(client, before, next) }) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function running(id: number): OperationRequest {
  return {
    id, cluster: 'prod', command: 'migrate', args: { vm: 'vm42' }, text: 'migrate vm42 to node2', risk: 'change', summary: 'Live migration of vm42', facts: [], holds: ['vm:vm42'],
    requester: { platform: 'slack', id: 'U1', name: 'alice' }, where: { platform: 'slack', conversation: 'C1' }, state: 'running', requiredApprovals: 1, approvals: [],
    createdAt: 0, expiresAt: 1, job: { startedAt: 0, percent: 10, phase: 'memory copy' },
  };
}

async function until(check: () => Promise<boolean> | boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`never: ${what}`);
}

beforeEach(async () => {
  db = await openTestDatabase();
});

test('the first replica takes every free lease; the second takes none while it renews', async () => {
  const a = replica('a');
  const b = replica('b');
  await a.leases.tick();
  await b.leases.tick();
  await sleep(TTL / 2);
  await a.leases.tick();
  await b.leases.tick();
  expect(a.leases.held().sort()).toEqual(['lab', 'prod']);
  expect(b.leases.held()).toEqual([]);
  expect(a.acquired).toEqual([{ cluster: 'prod', released: false }, { cluster: 'lab', released: false }]);
});

test('a replica that stops renewing loses the cluster to another, which learns from whom; its writes are refused from then on', async () => {
  const a = replica('a');
  const b = replica('b');
  await a.leases.tick();
  await a.store.insert(running(1));
  expect((await a.store.update(1, (r) => ({ ...r, job: { ...r.job!, percent: 20 } })))?.job?.percent).toBe(20);

  // a is paused: it renews no more. b takes over once the lease ran out, not before.
  await b.leases.tick();
  expect(b.leases.held()).toEqual([]);
  await until(async () => (await b.leases.tick(), b.leases.holds('prod')), 'b takes prod');
  const takeover = b.acquired.find((c) => c.cluster === 'prod')!;
  expect(takeover).toMatchObject({ from: 'a', released: false });
  expect(takeover.gapMs).toBeGreaterThanOrEqual(TTL);

  // a wakes up: before it even notices, its write to the running job is refused and changes nothing.
  await expect(a.store.update(1, (r) => ({ ...r, job: { ...r.job!, percent: 90 } }))).rejects.toBeInstanceOf(LeaseLostError);
  expect((await b.store.get(1))?.job?.percent).toBe(20);
  expect((await b.store.update(1, (r) => ({ ...r, job: { ...r.job!, percent: 30 } })))?.job?.percent).toBe(30);
  await a.leases.tick();
  expect(a.lost.sort()).toEqual(['lab', 'prod']);
  expect(a.leases.held()).toEqual([]);
});

test('writes that are no job (a new request, an approval) need no lease', async () => {
  const b = replica('b');
  await b.store.insert({ ...running(2), state: 'pending' });
  expect((await b.store.transition(2, ['pending'], (r) => ({ ...r, state: 'approved' })))?.state).toBe('approved');
  // Claiming the job (approved → running) does.
  await expect(b.store.transition(2, ['approved'], (r) => ({ ...r, state: 'running' }))).rejects.toBeInstanceOf(LeaseLostError);
});

test('a clean stop lets the leases go: the next replica takes them at once, as a hand-over', async () => {
  const a = replica('a');
  const b = replica('b');
  await a.leases.tick();
  await a.leases.release();
  await b.leases.tick();
  expect(b.leases.held().sort()).toEqual(['lab', 'prod']);
  expect(b.acquired[0]).toEqual({ cluster: 'prod', from: 'a', released: true });
});
