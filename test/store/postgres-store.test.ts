/**
 * The PostgreSQL store and audit log as replicas use them: two pools on one database are two
 * replicas. Migrations apply once when they start together; a click, a retried delivery or a
 * request for a busy VM is decided once across them; the audit chain stays one line and the
 * bot's own role cannot rewrite it. The shared cases run in low-store.test.ts.
 */
import type { AuditEntry } from '../../src/core/audit.js';
import type { OperationRequest } from '../../src/core/requests.js';
import { DatabaseUnreachableError, DatabaseUrlMissingError } from '../../src/store/postgres/errors.js';
import { databaseUrl, openPostgresPool } from '../../src/store/postgres/connect.js';
import { migrate, readMigrations } from '../../src/store/postgres/migrate.js';
import { verifyPostgresAudit } from '../../src/store/postgres/postgres-audit-verify.js';
import { testPostgres } from '../support/postgres.js';
import { openTestDatabase, type TestDatabase } from '../support/postgres-store.js';

let open: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});
async function database(owner?: string): Promise<TestDatabase> {
  const db = await openTestDatabase(owner ? { owner } : {});
  open.push(db);
  return db;
}

function request(id: number, vm = 'vm42'): OperationRequest {
  return {
    id, cluster: 'demo', command: 'migrate', args: { vm, node: 'node2' }, text: `migrate ${vm} to node2`, risk: 'change', summary: `Live migration of ${vm}`, facts: [],
    holds: [`vm:${vm}`], requester: { platform: 'slack', id: 'U1', name: 'alice' }, where: { platform: 'slack', conversation: 'C1' },
    state: 'pending', requiredApprovals: 1, approvals: [], createdAt: 0, expiresAt: 60_000,
  };
}

const entry = (i: number): AuditEntry => ({ at: new Date(Date.UTC(2026, 11, 3, 12, 0, i)).toISOString(), event: 'requested', requestId: i, cluster: 'demo', actor: { platform: 'slack', id: 'U1', name: 'alice' } });

describe('connecting', () => {
  test('a missing variable is named, with what to set it to', () => {
    expect(() => databaseUrl('HYPERV_CHATOPS_PG_URL', {})).toThrow(DatabaseUrlMissingError);
    expect(() => databaseUrl('HYPERV_CHATOPS_PG_URL', {})).toThrow(/HYPERV_CHATOPS_PG_URL, which is not set/);
  });

  test('a database that cannot be reached stops the start with where it tried, never the password', async () => {
    const url = 'postgres://bot:s3cret-Pa55@127.0.0.1:1/hyperv';
    const error = await openPostgresPool(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    expect((error as Error).message).toMatch(/bot@127\.0\.0\.1:1\/hyperv: .*\(ECONNREFUSED\)/);
    expect((error as Error).message).not.toContain('s3cret');
  });
});

describe('migrations', () => {
  test('two replicas starting together apply each migration once', async () => {
    const server = await testPostgres();
    const name = await server.freshDatabase();
    const [a, b] = [await openPostgresPool(server.url(name)), await openPostgresPool(server.url(name))];
    try {
      const results = await Promise.all([migrate(a), migrate(b)]);
      const names = (await readMigrations()).map((m) => m.name);
      expect(results.flat().sort()).toEqual(names);
      expect(results.some((r) => r.length === 0)).toBe(true);
      expect((await a.query('SELECT name FROM schema_migrations ORDER BY version')).rows.map((r) => r.name)).toEqual(names);
      expect(await migrate(a)).toEqual([]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});

describe('two replicas on one database', () => {
  test('the same approval on both: exactly one wins, and both read the winner', async () => {
    const one = await database();
    const two = await one.replica();
    await one.store.insert(request(1));
    const approve = (by: string) => (r: OperationRequest): OperationRequest => ({ ...r, state: 'approved', approvals: [{ actor: { platform: 'slack', id: by, name: by }, at: 1 }] });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).store.transition(1, ['pending'], approve(`u${i}`))));
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect((await two.store.get(1))?.approvals).toEqual(winners[0]!.approvals);
    expect((await one.store.get(1))?.state).toBe('approved');
  });

  test('a delivery retried to the other replica is a repeat', async () => {
    const one = await database();
    const two = await one.replica();
    expect(await one.store.rememberDelivery('Ev01', 3_600_000, 0)).toBe(true);
    expect(await two.store.rememberDelivery('Ev01', 3_600_000, 5_000)).toBe(false);
    const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).store.rememberDelivery('Ev02', 100, 0)));
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  test('ids are never handed out twice across replicas', async () => {
    const one = await database();
    const two = await one.replica();
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).store.nextRequestId()));
    expect(new Set(ids).size).toBe(30);
  });

  test('one request per VM: the check and the insert of two replicas do not interleave', async () => {
    const one = await database();
    const two = await one.replica();
    const ask = (db: TestDatabase) =>
      db.store.exclusive('holds:demo', async () => {
        const busy = (await db.store.list()).some((r) => r.holds.includes('vm:vm42'));
        if (busy) return 'busy';
        await new Promise((r) => setTimeout(r, 20)); // the other replica checks now, were it not excluded
        await db.store.insert(request(await db.store.nextRequestId()));
        return 'created';
      });
    const outcomes = await Promise.all([ask(one), ask(two), ask(one), ask(two)]);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(await one.store.list()).toHaveLength(1);
  });

  test('list keeps the active requests and the newest finished, while every request stays readable', async () => {
    const db = await database();
    for (let id = 1; id <= 30; id++) await db.store.insert({ ...request(id, `vm${id}`), state: id <= 25 ? 'denied' : 'pending', denial: id <= 25 ? { actor: { platform: 'x', id: 'b', name: 'b' }, at: id } : undefined });
    const listed = (await db.store.list()).map((r) => r.id);
    expect(listed).toEqual([...Array.from({ length: 20 }, (_, i) => i + 6), 26, 27, 28, 29, 30]);
    expect((await db.store.get(1))?.state).toBe('denied');
  });
});

describe('the audit log in PostgreSQL', () => {
  test('appends from two replicas at once make one intact chain', async () => {
    const one = await database();
    const two = await one.replica();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).audit.append(entry(i + 1))));
    const verdict = await verifyPostgresAudit(one.pool);
    expect(verdict).toMatchObject({ ok: true, count: 40 });
    const recent = await two.audit.recent({ limit: 5 });
    expect(recent.entries).toHaveLength(5);
    expect((await one.audit.recent({ requestId: 7 })).entries.map((e) => e.requestId)).toEqual([7]);
  });

  test("the bot's role cannot change or delete entries", async () => {
    const db = await database('hyperv_bot');
    await db.audit.append(entry(1));
    // Refused by the privileges (the trigger would say "append-only"), so even without the trigger.
    await expect(db.pool.query("UPDATE audit SET line = '{}' WHERE seq = 1")).rejects.toThrow('permission denied for table audit');
    await expect(db.pool.query('DELETE FROM audit')).rejects.toThrow('permission denied for table audit');
    await expect(db.pool.query('TRUNCATE audit')).rejects.toThrow('permission denied for table audit');
    expect(await verifyPostgresAudit(db.pool)).toMatchObject({ ok: true, count: 1 });
  });

  test('even a superuser is refused by the trigger; an entry edited with the trigger off is found', async () => {
    const db = await database();
    for (let i = 1; i <= 3; i++) await db.audit.append(entry(i));
    await expect(db.pool.query("UPDATE audit SET line = '{}' WHERE seq = 2")).rejects.toThrow(/append-only/);
    const server = await testPostgres();
    await server.query(`ALTER TABLE audit DISABLE TRIGGER USER; UPDATE audit SET line = replace(line, 'alice', 'mallory') WHERE seq = 2`, db.name);
    expect(await verifyPostgresAudit(db.pool)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/entry 2 was changed/) });
  });
});
