/**
 * The audit log survives a full disk (issue 12 point 3): appends are flushed, a line torn by a
 * failed append is cut back off or moved aside to a named file (never glued to the next entry),
 * and the chain head kept in the state file shows a log cut short at its end, even after the
 * bot has appended again.
 */
import { appendFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../src/core/audit.js';
import { createFileAuditLog, lineHash } from '../../src/store/audit-file.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { createFileStore } from '../../src/store/low-store.js';
import { createCapturingLogger } from '../support/capturing-logger.js';
import { createFailingFileSystem } from '../support/failing-file-system.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-durable-audit-'));
  file = join(dir, 'audit.jsonl');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (n: number): AuditEntry => ({ at: new Date(Date.UTC(2026, 11, 3, 9, 0, n)).toISOString(), event: 'approved', requestId: n, actor: { platform: 'slack', id: 'U0BOB', name: 'bob' } });
const lines = async () => (await readFile(file, 'utf8')).split('\n').filter(Boolean);
const stateHead = async (stateFile: string) => (JSON.parse(await readFile(stateFile, 'utf8')) as { auditHead?: unknown }).auditHead;

test('every append is flushed to the disk before it counts', async () => {
  const disk = createFailingFileSystem();
  const log = createFileAuditLog(file, { fs: disk });
  for (let i = 1; i <= 3; i++) await log.append(entry(i));
  expect(disk.calls.appendSynced).toBe(3);
  expect(await lines()).toHaveLength(3);
});

test('an append that fails part way is cut back off, and the next entry starts its own line', async () => {
  const disk = createFailingFileSystem();
  const log = createFileAuditLog(file, { fs: disk });
  await log.append(entry(1));
  const before = await readFile(file, 'utf8');
  disk.failWrites('ENOSPC');
  await expect(log.append(entry(2))).rejects.toMatchObject({ code: 'audit-not-written', errno: 'ENOSPC', reason: 'the disk is full' });
  expect(await readFile(file, 'utf8')).toBe(before);
  disk.heal();
  await log.append(entry(3));
  expect((await lines()).map((l) => (JSON.parse(l) as AuditEntry).requestId)).toEqual([1, 3]);
  expect(await verifyAuditFile(file)).toMatchObject({ ok: true, count: 2 });
});

test('when the cut-back fails too, the next append first moves the torn bytes aside to a named file and tells the operator', async () => {
  const disk = createFailingFileSystem();
  const logger = createCapturingLogger();
  const log = createFileAuditLog(file, { fs: disk, logger });
  await log.append(entry(1));
  disk.failWrites('EIO', { alsoTruncate: true });
  await expect(log.append(entry(2))).rejects.toMatchObject({ errno: 'EIO' });
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('is torn') });
  disk.heal();
  await log.append(entry(3));
  expect((await lines()).map((l) => (JSON.parse(l) as AuditEntry).requestId)).toEqual([1, 3]);
  expect(await verifyAuditFile(file)).toMatchObject({ ok: true, count: 2 });
  const aside = (await readdir(dir)).filter((n) => n.startsWith('audit.jsonl.torn-'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(dir, aside[0]!), 'utf8')).toMatch(/^\{"at":"2026-12-03T09:00:02/);
  expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringContaining(`moved it to ${join(dir, aside[0]!)}`) }));
});

test('a torn last line found at start is moved aside and the operator told; the chain goes on from the last whole line', async () => {
  const log = createFileAuditLog(file);
  await log.append(entry(1));
  await log.append(entry(2));
  await appendFile(file, '{"at":"2026-12-03T09:00:03.000Z","event":"appr');
  const logger = createCapturingLogger();
  const restarted = createFileAuditLog(file, { logger });
  await restarted.open();
  expect(logger.entries.map((e) => e.level)).toEqual(['warn']);
  expect(logger.entries[0]!.msg).toMatch(/the audit log ended in a torn line .*; moved it to .*audit\.jsonl\.torn-.* and cut the log back to its last complete line/);
  expect(await lines()).toHaveLength(2);
  await restarted.append(entry(4));
  expect(await verifyAuditFile(file)).toMatchObject({ ok: true, count: 3 });
});

test('the chain head (hash and count) is kept in the state file with each append', async () => {
  const stateFile = join(dir, 'state.json');
  const store = createFileStore(stateFile);
  const log = createFileAuditLog(file, { heads: store });
  for (let i = 1; i <= 4; i++) await log.append(entry(i));
  const last = (await lines()).at(-1)!;
  expect(await stateHead(stateFile)).toEqual({ hash: lineHash(last), count: 4 });
  expect(await verifyAuditFile(file, await store.auditHead())).toMatchObject({ ok: true, count: 4, note: 'matches the head the state file recorded (4 entries)' });
});

test('a log cut short at its end is found against the state head, and stays found after the bot appends again', async () => {
  const store = createFileStore(join(dir, 'state.json'));
  const log = createFileAuditLog(file, { heads: store });
  for (let i = 1; i <= 5; i++) await log.append(entry(i));
  const kept = (await lines()).slice(0, 3);
  await writeFile(file, `${kept.join('\n')}\n`);
  // Every remaining line is intact: only the state's head shows what is missing.
  expect(await verifyAuditFile(file)).toMatchObject({ ok: true, count: 3 });
  expect(await verifyAuditFile(file, await store.auditHead())).toEqual({
    ok: false, lines: 3, reason: 'the audit log ends 2 entries before the state file says (the log has 3, the state file recorded 5): its last entries were removed',
  });
  const logger = createCapturingLogger();
  const restarted = createFileAuditLog(file, { heads: store, logger });
  await restarted.append(entry(6));
  expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'the audit log ends 2 entries before the state file says: its last entries were removed' }));
  expect(await verifyAuditFile(file)).toMatchObject({ ok: false, brokenAt: 4, reason: 'line 4 is entry 6 but entry 4 was due: entries 4–5 (2) were removed from the end of the log before the bot wrote again' });
});

test('a log rewritten after the recorded head is found', async () => {
  const store = createFileStore(join(dir, 'state.json'));
  const log = createFileAuditLog(file, { heads: store });
  for (let i = 1; i <= 3; i++) await log.append(entry(i));
  await truncate(file, 0);
  const fresh = createFileAuditLog(file);
  for (let i = 1; i <= 4; i++) await fresh.append({ ...entry(i), detail: 'rewritten' });
  expect(await verifyAuditFile(file, await store.auditHead())).toMatchObject({ ok: false, reason: 'entry 3 is not the one the state file recorded: the log was rewritten from there' });
});

test('if the head cannot be kept in the state, the entry is cut back off and the caller told', async () => {
  const stateDisk = createFailingFileSystem();
  const store = createFileStore(join(dir, 'state.json'), { fs: stateDisk });
  const log = createFileAuditLog(file, { heads: store });
  await log.append(entry(1));
  stateDisk.failWrites('ENOSPC'); // the state file's writes fail; the audit file's do not
  await expect(log.append(entry(2))).rejects.toMatchObject({ code: 'not-saved', errno: 'ENOSPC' });
  expect(await lines()).toHaveLength(1);
  expect((await store.auditHead())?.count).toBe(1);
});

test('a log written before lines carried their number goes on from its line count, and verifies', async () => {
  const legacy = [1, 2, 3].map(entry);
  let prev = '0'.repeat(64);
  const text = legacy.map((e) => {
    const line = JSON.stringify({ ...e, prev });
    prev = lineHash(line);
    return `${line}\n`;
  });
  await writeFile(file, text.join(''));
  const store = createFileStore(join(dir, 'state.json'));
  await createFileAuditLog(file, { heads: store }).append(entry(4));
  expect(JSON.parse((await lines()).at(-1)!)).toMatchObject({ requestId: 4, seq: 4 });
  expect(await verifyAuditFile(file, await store.auditHead())).toMatchObject({ ok: true, count: 4 });
});

test('a log longer than the state recorded (a stop between the two writes, a restored state) verifies, and says so', async () => {
  const store = createFileStore(join(dir, 'state.json'));
  await createFileAuditLog(file, { heads: store }).append(entry(1));
  await createFileAuditLog(file).append(entry(2));
  expect(await verifyAuditFile(file, await store.auditHead())).toMatchObject({
    ok: true, count: 2, note: 'the state file recorded 1 entry; the last one was written after it (the bot stopped between the two writes, or the state file was restored from an older backup)',
  });
});
