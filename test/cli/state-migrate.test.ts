/**
 * `state migrate --to postgres`: an installation's state file, audit log and Teams directory
 * copied into an empty database, the chain verified before and after (the database's head is the file's), a database
 * in use refused; then `audit verify` reads the database the configuration names.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { OperationRequest } from '../../src/core/requests.js';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { createFileStore } from '../../src/store/low-store.js';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createPostgresConversationDirectory } from '../../src/store/postgres/postgres-conversation-directory.js';
import { createFileTeamsDirectory, type CardEntry, type ConversationEntry } from '../../adapters/teams/teams-directory.js';
import { testPostgres } from '../support/postgres.js';
import { runCliInProcess } from './cli-in-process.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-migrate-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

const cli = (argv: string[], env: Record<string, string>) => runCliInProcess(argv, { env }).then(({ code, output }) => ({ code, output }));

function request(id: number, state: OperationRequest['state']): OperationRequest {
  return {
    id, cluster: 'prod', command: 'migrate', args: { vm: `vm${id}` }, text: `migrate vm${id} to node2`, risk: 'change', summary: `Live migration of vm${id}`, facts: [], holds: [`vm:vm${id}`],
    requester: { platform: 'slack', id: 'U1', name: 'alice' }, where: { platform: 'slack', conversation: 'C1' }, state, requiredApprovals: 1, approvals: [], createdAt: 1, expiresAt: 2,
    ...(state === 'running' ? { job: { startedAt: 1, percent: 40, phase: 'memory copy', checkpoint: { started: true } } } : {}),
  };
}

/** A file installation: three requests (one job running), a delivery key, five audit entries chained with the state's head. */
async function installation() {
  const stateFile = join(dir, 'state.json');
  const auditFile = join(dir, 'audit.jsonl');
  const store = createFileStore(stateFile);
  const audit = createFileAuditLog(auditFile, { heads: store });
  for (const state of ['succeeded', 'running', 'pending'] as const) {
    const id = await store.nextRequestId();
    await store.insert(request(id, state));
    await audit.append({ at: new Date(Date.UTC(2026, 11, 1, id)).toISOString(), event: 'requested', requestId: id, cluster: 'prod', actor: { platform: 'slack', id: 'U1', name: 'alice' } });
  }
  await audit.append({ at: new Date().toISOString(), event: 'approved', requestId: 2 });
  await audit.append({ at: new Date().toISOString(), event: 'job-started', requestId: 2 });
  await store.rememberDelivery('Ev0123', Date.now() + 3_600_000, Date.now());
  // The Teams adapter's directory beside the state file: one conversation, one person, one live card.
  const teams = createFileTeamsDirectory(join(dir, 'teams-directory.json'));
  await teams.rememberConversation('19:ops@thread.tacv2', TEAMS_CONVERSATION);
  await teams.rememberUser('aad-bob', '29:bob');
  await teams.rememberCard('19:ops@thread.tacv2', '1:3', TEAMS_CARD);
  return { stateFile, auditFile, store };
}

const TEAMS_CONVERSATION = { serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationType: 'channel', tenantId: 'tenant-1', botId: '28:bot' };
const TEAMS_CARD = { requestId: 3, requesterId: 'aad-alice', updatedAt: 5, message: { text: '#3 Live migration of vm3', blocks: [] } };

test('copies the state, the audit log and the Teams directory into an empty database, and refuses to copy twice', async () => {
  const server = await testPostgres();
  const url = server.url(await server.freshDatabase());
  const { stateFile, auditFile, store } = await installation();
  const argv = ['state', 'migrate', '--to', 'postgres', '--from', stateFile, '--audit', auditFile, '--url-env', 'TARGET_PG'];

  const first = await cli(argv, { TARGET_PG: url });
  expect(first.output).toMatch(/copied into postgres@127\.0\.0\.1:\d+\/t_\w+: 3 requests and jobs \(next id 4\), 1 delivery keys, 5 audit entries, chain verified/);
  expect(first.output).toContain(`from ${join(dir, 'teams-directory.json')}: 1 Teams conversations, 1 people, 1 cards.`);
  expect(first.code).toBe(0);

  const pool = new pg.Pool({ connectionString: url });
  try {
    const copied = createPostgresStore(pool);
    expect(await copied.list()).toEqual(await store.list());
    expect(await copied.nextRequestId()).toBe(4);
    expect(await copied.rememberDelivery('Ev0123', Date.now() + 1000, Date.now())).toBe(false);
    // Any replica reaches the Teams conversations and cards of before.
    const teams = createPostgresConversationDirectory<ConversationEntry, CardEntry>(pool, { platform: 'teams' });
    expect(await teams.conversation('19:ops@thread.tacv2')).toEqual(TEAMS_CONVERSATION);
    expect(await teams.userIds(['aad-bob'])).toEqual(['29:bob']);
    expect(await teams.card('19:ops@thread.tacv2', '1:3')).toEqual(TEAMS_CARD);
    const fileHead = await verifyAuditFile(auditFile);
    expect(first.output).toContain(`head ${fileHead.ok && fileHead.head.slice(0, 16)}`);

    const again = await cli(argv, { TARGET_PG: url });
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/is not empty \(3 requests, 5 audit entries, 1 delivery keys\).*Nothing was copied/);
    expect((await pool.query('SELECT count(*)::int AS n FROM audit')).rows[0].n).toBe(5);
  } finally {
    await pool.end();
  }

  // audit verify reads the database the configuration names.
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ clusters: [{ name: 'prod', kind: 'simulated' }], state: { postgres: { urlEnv: 'TARGET_PG' } } }));
  const verified = await cli(['audit', 'verify'], { HYPERV_CHATOPS_CONFIG: config, TARGET_PG: url });
  expect(verified.output).toMatch(/^database postgres@127\.0\.0\.1:\d+\/t_\w+: 5 entries, chain intact/);
  expect(verified.code).toBe(0);
});

test('a broken audit log is not copied', async () => {
  const server = await testPostgres();
  const url = server.url(await server.freshDatabase());
  const { stateFile, auditFile } = await installation();
  const lines = (await readFile(auditFile, 'utf8')).split('\n');
  await writeFile(auditFile, [lines[0], lines[2], lines[3], lines[4], ''].join('\n'));
  const run = await cli(['state', 'migrate', '--to', 'postgres', '--from', stateFile, '--audit', auditFile, '--url-env', 'TARGET_PG'], { TARGET_PG: url });
  expect(run.output).toMatch(/BROKEN: line 2 does not follow line 1.*\nNothing was copied/);
  expect(run.code).toBe(1);
  expect((await server.query('SELECT count(*)::int AS n FROM pg_tables WHERE tablename = $$requests$$', url.split('/').pop())).rows[0].n).toBe(0);
});

test('a missing URL variable is named; the password of an unreachable database is not printed', async () => {
  const { stateFile, auditFile } = await installation();
  const argv = ['state', 'migrate', '--to', 'postgres', '--from', stateFile, '--audit', auditFile, '--url-env', 'TARGET_PG'];
  expect((await cli(argv, {})).output).toContain('TARGET_PG, which is not set');
  const down = await cli(argv, { TARGET_PG: 'postgres://bot:hunter2-pw@127.0.0.1:1/x' });
  expect(down.code).toBe(2);
  expect(down.output).toMatch(/cannot use the PostgreSQL database bot@127\.0\.0\.1:1\/x/);
  expect(down.output).not.toContain('hunter2');
});
