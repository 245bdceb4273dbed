/** The audit log's hash chain: any edit, deletion or reordering is found, and named by line. */
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../src/core/audit.js';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-chain-'));
  file = join(dir, 'audit.jsonl');
  const log = createFileAuditLog(file);
  for (let i = 1; i <= 6; i++) await log.append(entry(i));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (n: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 25, 9, 0, n)).toISOString(),
  event: n % 2 ? 'requested' : 'approved',
  requestId: n,
  cluster: 'demo',
  command: 'migrate',
  actor: { platform: 'slack', id: n % 2 ? 'U0ALICE' : 'U0BOB', name: n % 2 ? 'alice' : 'bob' },
});

const rewrite = async (change: (lines: string[]) => string[]) => {
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  await writeFile(file, `${change(lines).join('\n')}\n`);
};

test('an untouched log verifies, across writers that reopen the file', async () => {
  await createFileAuditLog(file).append(entry(7));
  await createFileAuditLog(file).append(entry(8));
  expect(await verifyAuditFile(file)).toMatchObject({ ok: true, lines: 8 });
});

test('an edited entry breaks the chain at the line after it', async () => {
  await rewrite((lines) => lines.map((l, i) => (i === 2 ? l.replace('"alice"', '"mallory"') : l)));
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringContaining('line 3 was changed') });
});

test('a deleted entry is found', async () => {
  await rewrite((lines) => lines.filter((_, i) => i !== 3));
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 4 });
});

test('deleting the first entries is found at line 1', async () => {
  await rewrite((lines) => lines.slice(2));
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 1 });
});

test('swapped entries are found', async () => {
  await rewrite((lines) => [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]);
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 2 });
});

test('a torn last line from a crash is reported by verify as torn, not skipped', async () => {
  await appendFile(file, '{"at":"2026-11-25T09:');
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 7, reason: expect.stringContaining('line 7 is torn: the last line has no end') });
});

test('an edited line that is JSON but no entry is named', async () => {
  await rewrite((lines) => [...lines.slice(0, 2), '{"note":"hello"}', ...lines.slice(3)]);
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 3, reason: 'line 3 is JSON but not an audit entry (edited)' });
});

test('entries keep what was recorded and carry the previous line hash', async () => {
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as AuditEntry & { prev: string });
  expect(lines[0]).toMatchObject({ ...entry(1), prev: '0'.repeat(64) });
  expect(lines[1]!.prev).toMatch(/^[0-9a-f]{64}$/);
});

test('recent entries can be asked about a VM or a person, newest last, bounded', async () => {
  const log = createFileAuditLog(file);
  await log.append({ ...entry(7), args: { vm: 'vm42', node: 'node2' } });
  expect((await log.recent({ about: 'VM42' })).entries.map((e) => e.requestId)).toEqual([7]);
  expect((await log.recent({ about: 'bob' })).entries.map((e) => e.requestId)).toEqual([2, 4, 6]);
  expect((await log.recent({ limit: 2 })).entries.map((e) => e.requestId)).toEqual([6, 7]);
  expect((await log.recent({ since: Date.UTC(2026, 10, 25, 9, 0, 5) })).entries.map((e) => e.requestId)).toEqual([5, 6, 7]);
});
