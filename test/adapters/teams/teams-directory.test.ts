/**
 * The Teams directory (the core's ConversationDirectory port): in memory, in a file beside the
 * state file, and in PostgreSQL (shared by replicas) it passes the same suite; the file after a
 * restart and the database from another replica read back what was remembered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileTeamsDirectory, createMemoryTeamsDirectory, type CardEntry, type ConversationEntry, type TeamsDirectory } from '../../../adapters/teams/teams-directory.js';
import { openPostgresPool } from '../../../src/store/postgres/connect.js';
import { createPostgresConversationDirectory } from '../../../src/store/postgres/postgres-conversation-directory.js';
import { openTestDatabase, type TestDatabase } from '../../support/postgres-store.js';

let dir: string;
let closers: (() => Promise<void>)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-teams-directory-'));
});
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
  await rm(dir, { recursive: true, force: true });
});

/** A directory, and another over the same place (the file read again, or a second replica on the database). */
interface Made {
  directory: TeamsDirectory;
  another(): Promise<TeamsDirectory>;
}

async function postgres(): Promise<Made> {
  const db: TestDatabase = await openTestDatabase();
  closers.push(() => db.close());
  const over = (pool: TestDatabase['pool']) => createPostgresConversationDirectory<ConversationEntry, CardEntry>(pool, { platform: 'teams' });
  return {
    directory: over(db.pool),
    async another() {
      const pool = await openPostgresPool(db.url, { poolSize: 2 });
      closers.push(() => pool.end());
      return over(pool);
    },
  };
}

function file(): Made {
  const path = join(dir, 'state', 'teams-directory.json');
  return { directory: createFileTeamsDirectory(path), another: async () => createFileTeamsDirectory(path) };
}

const CHANNEL = '19:ops@thread.tacv2';
const reference = (serviceUrl = 'https://smba.trafficmanager.net/emea/'): ConversationEntry => ({
  serviceUrl, conversationType: 'channel', tenantId: 'tenant-1', botId: '28:bot', botName: 'hyperv',
});
const card = (requestId: number, updatedAt: number): CardEntry => ({
  requestId, requesterId: 'aad-alice', updatedAt,
  message: { text: `Live migration #${requestId}`, blocks: [{ type: 'header', text: `#${requestId}` }] },
});

const kinds: [string, () => Promise<Made>][] = [
  ['memory', async () => ({ directory: createMemoryTeamsDirectory(), another: async () => { throw new Error('memory is one process'); } })],
  ['file', async () => file()],
  ['postgres', postgres],
];

describe.each(kinds)('%s Teams directory', (_kind, make) => {
  test('a conversation is new once; a changed reference replaces the old one', async () => {
    const { directory } = await make();
    expect(await directory.conversation(CHANNEL)).toBeUndefined();
    expect(await directory.rememberConversation(CHANNEL, reference())).toBe(true);
    expect(await directory.rememberConversation(CHANNEL, reference())).toBe(false);
    expect(await directory.rememberConversation(CHANNEL, reference('https://smba.trafficmanager.net/amer/'))).toBe(false);
    expect(await directory.conversation(CHANNEL)).toEqual(reference('https://smba.trafficmanager.net/amer/'));
    expect(await directory.conversation('19:other@thread.tacv2')).toBeUndefined();
  });

  test('Teams ids are found for the Entra ids seen, in the order asked, the unknown left out', async () => {
    const { directory } = await make();
    await directory.rememberUser('aad-bob', '29:bob-old');
    await directory.rememberUser('aad-bob', '29:bob');
    await directory.rememberUser('aad-carol', '29:carol');
    expect(await directory.userIds(['aad-carol', 'aad-nobody', 'aad-bob'])).toEqual(['29:carol', '29:bob']);
    expect(await directory.userIds([])).toEqual([]);
  });

  test('a card is kept by conversation and activity id, replaced when shown again, and a copy is handed out', async () => {
    const { directory } = await make();
    await directory.rememberCard(CHANNEL, '1:100', card(1, 1000));
    await directory.rememberCard(CHANNEL, '1:200', card(2, 2000));
    await directory.rememberCard(CHANNEL, '1:100', { ...card(1, 3000), message: { text: 'Approved #1', blocks: [] } });
    const read = await directory.card(CHANNEL, '1:100');
    expect(read).toEqual({ ...card(1, 3000), message: { text: 'Approved #1', blocks: [] } });
    read!.message.text = 'changed by the reader';
    expect((await directory.card(CHANNEL, '1:100'))?.message.text).toBe('Approved #1');
    expect(await directory.card('19:other@thread.tacv2', '1:100')).toBeUndefined();
  });

  test('only the newest 500 cards are kept', async () => {
    const { directory } = await make();
    for (let i = 1; i <= 501; i++) await directory.rememberCard(CHANNEL, `1:${i}`, card(i, i * 10));
    expect(await directory.card(CHANNEL, '1:1')).toBeUndefined();
    expect(await directory.card(CHANNEL, '1:2')).toEqual(card(2, 20));
    expect(await directory.card(CHANNEL, '1:501')).toEqual(card(501, 5010));
  });
});

describe.each(kinds.filter(([kind]) => kind !== 'memory'))('%s Teams directory, read again', (kind, make) => {
  test(kind === 'file' ? 'after a restart, everything remembered is there' : 'another replica reads what one remembered, and does not see it as new', async () => {
    const { directory, another } = await make();
    await directory.rememberConversation(CHANNEL, reference());
    await directory.rememberUser('aad-bob', '29:bob');
    await directory.rememberCard(CHANNEL, '1:100', card(1, 1000));
    const other = await another();
    expect(await other.conversation(CHANNEL)).toEqual(reference());
    expect(await other.rememberConversation(CHANNEL, reference())).toBe(false);
    expect(await other.userIds(['aad-bob'])).toEqual(['29:bob']);
    expect(await other.card(CHANNEL, '1:100')).toEqual(card(1, 1000));
  });
});
