/**
 * The Store port: the in-memory store, the file store and the PostgreSQL store pass the same
 * suite; the file store also survives a restart (a new store over the same file).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationRequest, RequestState } from '../../src/core/requests.js';
import type { Store } from '../../src/core/store.js';
import { createFileStore, createMemoryStore } from '../../src/store/low-store.js';
import { openTestDatabase, type TestDatabase } from '../support/postgres-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-store-'));
});
let databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.map((d) => d.close()));
  databases = [];
  await rm(dir, { recursive: true, force: true });
});

async function postgresStore(): Promise<Store> {
  const db = await openTestDatabase();
  databases.push(db);
  return db.store;
}

function sample(id: number, state: RequestState = 'pending'): OperationRequest {
  return {
    id,
    cluster: 'demo',
    command: 'migrate',
    args: { vm: 'SQL Server 01', node: 'node2', type: 'live' },
    text: 'migrate "SQL Server 01" to node2',
    risk: 'change',
    summary: 'Live migration of SQL Server 01 (node1 → node2), 16 GiB',
    facts: [{ label: 'Target', value: 'node2 is Up', ok: true }],
    holds: ['vm:SQL Server 01'],
    requester: { platform: 'slack', id: 'U0ALICE', name: 'alice' },
    where: { platform: 'slack', conversation: 'C0OPS' },
    state,
    requiredApprovals: 1,
    approvals: [],
    createdAt: Date.UTC(2026, 10, 25, 9),
    expiresAt: Date.UTC(2026, 10, 25, 9, 30),
  };
}

const kinds: [string, () => Promise<Store>][] = [
  ['memory', async () => createMemoryStore()],
  ['file', async () => createFileStore(join(dir, 'state', 'db.json'))],
  ['postgres', postgresStore],
];

describe.each(kinds)('%s store', (_kind, make) => {
  test('ids start at 1 and are never reused, even when asked for at once', async () => {
    const store = await make();
    expect(await store.nextRequestId()).toBe(1);
    const ids = await Promise.all(Array.from({ length: 25 }, () => store.nextRequestId()));
    expect(new Set(ids).size).toBe(25);
    expect(Math.min(...ids)).toBe(2);
    expect(Math.max(...ids)).toBe(26);
  });

  test('insert, get and list return what was stored, as copies', async () => {
    const store = await make();
    await store.insert(sample(1));
    await store.insert(sample(2, 'denied'));
    const got = await store.get(1);
    expect(got).toEqual(sample(1));
    got!.state = 'approved';
    got!.approvals.push({ actor: { platform: 'x', id: 'y', name: 'z' }, at: 0 });
    expect(await store.get(1)).toEqual(sample(1));
    expect((await store.list()).map((r) => [r.id, r.state])).toEqual([[1, 'pending'], [2, 'denied']]);
    expect(await store.get(3)).toBeUndefined();
  });

  test('the same id cannot be inserted twice', async () => {
    const store = await make();
    await store.insert(sample(1));
    await expect(store.insert(sample(1, 'approved'))).rejects.toThrow('already stored');
    expect((await store.get(1))?.state).toBe('pending');
  });

  test('transition applies only from the states named, and returns undefined otherwise', async () => {
    const store = await make();
    await store.insert(sample(1));
    const approved = await store.transition(1, ['pending'], (r) => ({ ...r, state: 'approved' }));
    expect(approved?.state).toBe('approved');
    const again = await store.transition(1, ['pending'], (r) => ({ ...r, state: 'denied' }));
    expect(again).toBeUndefined();
    expect((await store.get(1))?.state).toBe('approved');
    expect(await store.transition(99, ['pending'], (r) => r)).toBeUndefined();
  });

  test('twenty racing transitions from pending: exactly one wins', async () => {
    const store = await make();
    await store.insert(sample(1));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.transition(1, ['pending'], (r) => ({ ...r, state: 'approved', approvals: [{ actor: { platform: 't', id: `a${i}`, name: `a${i}` }, at: i }] })),
      ),
    );
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect((await store.get(1))?.approvals).toEqual(winners[0]!.approvals);
  });

  test('update changes a request whatever its state', async () => {
    const store = await make();
    await store.insert(sample(1, 'running'));
    const updated = await store.update(1, (r) => ({ ...r, job: { startedAt: 1, percent: 40, phase: 'memory copy' } }));
    expect(updated?.job?.percent).toBe(40);
    expect((await store.get(1))?.job?.phase).toBe('memory copy');
    expect(await store.update(2, (r) => r)).toBeUndefined();
  });

  test('a delivery key is remembered until it expires, then accepted again', async () => {
    const store = await make();
    expect(await store.rememberDelivery('evt-1', 1000, 0)).toBe(true);
    expect(await store.rememberDelivery('evt-1', 1500, 500)).toBe(false);
    expect(await store.rememberDelivery('evt-1', 1999, 999)).toBe(false);
    expect(await store.rememberDelivery('evt-2', 1000, 999)).toBe(true);
    expect(await store.rememberDelivery('evt-1', 2000, 1000)).toBe(true);
    expect(await store.rememberDelivery('evt-1', 2000, 1500)).toBe(false);
  });

  test('racing deliveries of one key: exactly one is new', async () => {
    const store = await make();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.rememberDelivery('same', 100, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('file store', () => {
  test('creates its folder on first use', async () => {
    const file = join(dir, 'a', 'b', 'db.json');
    await createFileStore(file).insert(sample(1));
    expect(JSON.parse(await readFile(file, 'utf8')).requests).toHaveLength(1);
  });

  test('a new store over the same file sees the requests and continues the ids', async () => {
    const file = join(dir, 'state', 'db.json');
    const first = createFileStore(file);
    for (let i = 0; i < 3; i++) await first.insert(sample(await first.nextRequestId()));
    await first.transition(2, ['pending'], (r) => ({ ...r, state: 'approved' }));

    const second = createFileStore(file);
    expect((await second.list()).map((r) => [r.id, r.state])).toEqual([[1, 'pending'], [2, 'approved'], [3, 'pending']]);
    expect(await second.get(1)).toEqual(sample(1));
    expect(await second.nextRequestId()).toBe(4);
  });

  test('the file is plain JSON with the requests, the next id and the deliveries', async () => {
    const file = join(dir, 'db.json');
    const store = createFileStore(file);
    await store.insert(sample(await store.nextRequestId()));
    await store.rememberDelivery('evt-9', 5000, 0);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc).toMatchObject({ version: 1, nextRequestId: 2, deliveries: { 'evt-9': 5000 } });
    expect(doc.requests[0].text).toBe('migrate "SQL Server 01" to node2');
  });

  test('expired delivery keys are dropped from the file', async () => {
    const file = join(dir, 'db.json');
    const store = createFileStore(file);
    await store.rememberDelivery('old', 100, 0);
    await store.rememberDelivery('new', 1000, 500);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(doc.deliveries)).toEqual(['new']);
  });

  test('a delivery remembered before a restart is still a repeat after it', async () => {
    const file = join(dir, 'db.json');
    await createFileStore(file).rememberDelivery('evt-1', 10_000, 0);
    expect(await createFileStore(file).rememberDelivery('evt-1', 20_000, 5_000)).toBe(false);
  });
});
