/**
 * Nothing happens whose audit entry could not be written (issue 12 point 2): the real bot on a
 * file audit log whose disk fails (full, permission, I/O error) through the store's file-system
 * seam. What is refused leaves nothing in the state, the cluster is untouched, and the person
 * is told in chat what failed and why.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../src/core/audit.js';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { verifyAuditFile } from '../../src/store/audit-verify.js';
import { createFileStore, createMemoryStore } from '../../src/store/low-store.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';
import { createFailingFileSystem, type FailingFileSystem } from '../support/failing-file-system.js';

let dir: string;
let file: string;
let disk: FailingFileSystem;
let h: BotHarness;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-audit-fails-'));
  file = join(dir, 'audit.jsonl');
  disk = createFailingFileSystem();
  const store = createMemoryStore();
  const log = createFileAuditLog(file, { fs: disk, heads: store });
  h = await createBotHarness({ store, audit: { ...log, entries: [] } });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function events(): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as AuditEntry).event);
}

const refusal = (reason: string, errno: string) =>
  `Nothing was done: I could not write the audit log (${reason}, ${errno}), and nothing happens here without its audit entry. Tell whoever runs the bot; try again once it is fixed.`;

test.each([
  ['ENOSPC', 'the disk is full'],
  ['EACCES', 'permission denied'],
  ['EIO', 'the disk reported an I/O error'],
] as const)('a request whose entry cannot be written (%s) is not created: no request, no card, the person told why', async (errno, reason) => {
  disk.failWrites(errno);
  const result = await h.say('alice', 'migrate vm42 to node2');
  expect(result.accepted).toBe(false);
  expect(h.lastAnswerTo('alice')).toBe(refusal(reason, errno));
  expect(await h.store.list()).toEqual([]);
  expect(h.chat.messages().filter((m) => !m.postOptions?.visibleTo)).toEqual([]);
  // The half-written line was cut back off: the log is as it was, and intact.
  expect(await readFile(file, 'utf8')).toBe('');
  disk.heal();
  expect((await h.say('alice', 'migrate vm42 to node2')).accepted).toBe(true);
  expect(await events()).toEqual(['requested']);
  expect(await verifyAuditFile(file, await h.store.auditHead())).toMatchObject({ ok: true, count: 1 });
});

test('an approval whose entry cannot be written is not approved, and no job runs', async () => {
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  disk.failWrites('ENOSPC');
  expect((await h.click('bob', 'approve', id)).accepted).toBe(false);
  expect(h.lastAnswerTo('bob')).toBe(refusal('the disk is full', 'ENOSPC'));
  await h.idle();
  expect(await h.request(id)).toMatchObject({ state: 'pending', approvals: [] });
  expect(h.cluster.stats().started).toBe(0);
  expect(await events()).toEqual(['requested']);
  // Once the disk has room, the same click works: nothing was left half done.
  disk.heal();
  expect((await h.click('bob', 'approve', id)).accepted).toBe(true);
  await h.idle();
  expect((await h.request(id)).state).toBe('succeeded');
  expect(await events()).toEqual(['requested', 'approved', 'job-started', 'job-succeeded']);
});

test('a job whose start cannot be written does not start: the cluster is untouched and the thread says why', async () => {
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  disk.failWrites('EIO', { after: 1 }); // the approval is written; the job's start is not
  expect((await h.click('bob', 'approve', id)).accepted).toBe(true);
  await h.idle();
  const r = await h.request(id);
  expect(r.state).toBe('failed');
  expect(h.cluster.stats().started).toBe(0);
  expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node1');
  const thread = h.chat.threadOf(r.cardRef!).map((s) => s.message.text);
  expect(thread.at(-1)).toBe(`❌ #${id} did not start. ${refusal('the disk reported an I/O error', 'EIO')}`);
  expect(await events()).toEqual(['requested', 'approved']);
});

test('a denial or a cancel whose entry cannot be written changes nothing', async () => {
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  disk.failWrites('EACCES');
  expect((await h.click('carol', 'deny', id, { reason: 'not today' })).accepted).toBe(false);
  expect(h.lastAnswerTo('carol')).toBe(refusal('permission denied', 'EACCES'));
  expect((await h.say('alice', `cancel ${id}`)).accepted).toBe(false);
  expect(h.lastAnswerTo('alice')).toBe(refusal('permission denied', 'EACCES'));
  expect(await h.request(id)).toMatchObject({ state: 'pending' });
  expect((await h.request(id)).denial).toBeUndefined();
});

test('what people are told names no file, no path and no stack', async () => {
  disk.failWrites('ENOSPC');
  await h.say('alice', 'migrate vm42 to node2');
  const told = h.lastAnswerTo('alice');
  expect(told).not.toContain(dir);
  expect(told).not.toMatch(/simulated failure|\bat \w+ \(|Error:/);
});

test('an approval whose entry was written but whose state write failed is not approved, and the log says so', async () => {
  const stateDisk = createFailingFileSystem();
  const store = createFileStore(join(dir, 'state.json'), { fs: stateDisk });
  const log = createFileAuditLog(join(dir, 'own-audit.jsonl'));
  const bot = await createBotHarness({ store, audit: { ...log, entries: [] } });
  const id = (await bot.say('alice', 'migrate vm42 to node2')).requestId!;
  stateDisk.failWrites('ENOSPC');
  expect((await bot.click('bob', 'approve', id)).accepted).toBe(false);
  expect(bot.lastAnswerTo('bob')).toBe('Nothing was done: I could not save my state (the disk is full, ENOSPC). Tell whoever runs the bot; try again once it is fixed.');
  await bot.idle();
  expect(await bot.request(id)).toMatchObject({ state: 'pending', approvals: [] });
  expect(bot.cluster.stats().started).toBe(0);
  const written = (await readFile(join(dir, 'own-audit.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);
  expect(written.map((e) => e.event)).toEqual(['requested', 'approved', 'not-saved']);
  expect(written[2]).toMatchObject({ requestId: id, actor: { name: 'bob' }, detail: 'the approved entry before this one did not happen: its state write failed (the disk is full, ENOSPC)' });
});

test('a job that finished while its outcome could not be written says so in its thread; what it did stands', async () => {
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  disk.failWrites('ENOSPC', { after: 2 }); // the approval and the start are written; the outcome is not
  await h.click('bob', 'approve', id);
  await h.idle();
  const r = await h.request(id);
  expect(r.state).toBe('succeeded');
  expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node2');
  expect(h.chat.threadOf(r.cardRef!).at(-1)!.message.text).toBe('⚠ This outcome is not in the audit log: I could not write it (the disk is full, ENOSPC). Tell whoever runs the bot.');
  expect(await events()).toEqual(['requested', 'approved', 'job-started']);
});

test('a cancel of a running job whose entry cannot be written is refused, and the job goes on', async () => {
  const store = createMemoryStore();
  const running = createFailingFileSystem();
  const bot = await createBotHarness({ autoClock: false, store, audit: { ...createFileAuditLog(join(dir, 'running.jsonl'), { fs: running, heads: store }), entries: [] } });
  // The audit log writes to a real disk: let real time pass as well as clock time, a bounded while.
  const until = async (state: string) => {
    for (let i = 0; i < 400 && (await bot.request(id)).state !== state; i++) {
      await bot.clock.advance(50);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect((await bot.request(id)).state).toBe(state);
  };
  const id = (await bot.say('alice', 'migrate vm42 to node2')).requestId!;
  await bot.click('bob', 'approve', id);
  await until('running');
  running.failWrites('ENOSPC');
  expect((await bot.say('alice', `cancel ${id}`)).accepted).toBe(false);
  expect(bot.lastAnswerTo('alice')).toBe(refusal('the disk is full', 'ENOSPC'));
  expect((await bot.request(id)).cancellation).toBeUndefined();
  running.heal();
  await until('succeeded');
});

test('a request past its expiry whose expiry cannot be written still cannot be approved', async () => {
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  disk.failWrites('EIO');
  await h.clock.advance(31 * 60_000);
  expect(await h.bot.sweep()).toBe(0);
  expect((await h.click('bob', 'approve', id)).accepted).toBe(false);
  expect(h.lastAnswerTo('bob')).toBe(refusal('the disk reported an I/O error', 'EIO'));
  expect(await h.request(id)).toMatchObject({ state: 'pending', approvals: [] });
  expect(h.cluster.stats().started).toBe(0);
  expect(h.logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'could not expire a request', fields: expect.objectContaining({ requestId: id }) }));
});
