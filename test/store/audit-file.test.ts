/** The audit log as JSON Lines: one entry per line, in order, appended, never rewritten. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../src/core/audit.js';
import { createFileAuditLog, createMemoryAuditLog } from '../../src/store/audit-file.js';
import { createBotHarness } from '../support/bot-harness.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = (n: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 25, 9, 0, n)).toISOString(),
  event: 'approved',
  requestId: n,
  cluster: 'demo',
  command: 'migrate',
  actor: { platform: 'slack', id: 'U0BOB', name: 'bob' },
  detail: `line ${n}\nwith a newline and "quotes"`,
});

async function lines(file: string): Promise<AuditEntry[]> {
  const text = await readFile(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry);
}

describe('file audit log', () => {
  test('each append is one JSON line, in order, even when appended at once; the folder is created', async () => {
    const file = join(dir, 'nested', 'audit.jsonl');
    const log = createFileAuditLog(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry(i))));
    const read = await lines(file);
    expect(read).toHaveLength(50);
    expect(read.map((e) => e.requestId)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(read[7]).toMatchObject(entry(7));
  });

  test('appends to what is there and never rewrites it', async () => {
    const file = join(dir, 'audit.jsonl');
    await writeFile(file, `${JSON.stringify(entry(0))}\n`);
    await createFileAuditLog(file).append(entry(1));
    await createFileAuditLog(file).append(entry(2));
    expect((await lines(file)).map((e) => e.requestId)).toEqual([0, 1, 2]);
  });

  test('a whole bot session leaves its request, decision and outcome in the file', async () => {
    const file = join(dir, 'audit.jsonl');
    const fileLog = createFileAuditLog(file);
    const memory = createMemoryAuditLog();
    const audit = { entries: memory.entries, recent: fileLog.recent, append: async (e: AuditEntry) => { await memory.append(e); await fileLog.append(e); } };
    const h = await createBotHarness({ audit });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    await h.click('bob', 'approve', id);
    await h.idle();
    const read = await lines(file);
    expect(read.map((e) => e.event)).toEqual(['requested', 'approved', 'job-started', 'job-succeeded']);
    expect(read[0]).toMatchObject({ requestId: id, command: 'migrate', args: { vm: 'vm42', node: 'node2', type: 'live' }, actor: { id: 'alice' } });
    expect(read[1]).toMatchObject({ actor: { id: 'bob' }, detail: '1 of 1' });
  });
});

describe('memory audit log', () => {
  test('keeps copies, so later changes to an entry do not rewrite history', async () => {
    const log = createMemoryAuditLog();
    const e = entry(1);
    await log.append(e);
    e.detail = 'changed';
    expect(log.entries[0]?.detail).toBe(entry(1).detail);
  });
});
