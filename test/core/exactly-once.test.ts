/**
 * Exactly once against the state file: 100 approvals of one request at once, with platform
 * retries mixed in, produce one job, one migration and one set of messages.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStore } from '../../src/store/low-store.js';
import { createBotHarness, demoUsers, user } from '../support/bot-harness.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-once-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const approvers = Array.from({ length: 100 }, (_, i) => user(`approver${i + 1}`, 'approver'));

test('100 approvals at once, each also retried by the platform: one approval, one job, one migration, one completion', async () => {
  const file = join(dir, 'state.json');
  const h = await createBotHarness({ users: [...demoUsers, ...approvers], store: createFileStore(file) });
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  const clicks = approvers.flatMap((a) => [
    h.click(a.name, 'approve', id, { deliveryId: `slack:action:${a.name}` }),
    h.click(a.name, 'approve', id, { deliveryId: `slack:action:${a.name}` }), // the retry
  ]);
  const results = await Promise.all(clicks);
  await h.idle();

  expect(results.filter((r) => r.accepted && !r.duplicate)).toHaveLength(1);
  expect(results.filter((r) => r.duplicate)).toHaveLength(100);
  const done = await h.request(id);
  expect(done.state).toBe('succeeded');
  expect(done.approvals).toHaveLength(1);
  expect(h.cluster.stats().started).toBe(1);
  expect(h.audit.entries.filter((e) => e.event === 'job-started')).toHaveLength(1);
  const card = h.chat.messages()[0]!;
  expect(h.chat.threadOf(card.ref).filter((s) => s.message.text.includes('✅ #1'))).toHaveLength(1);
  const onDisk = JSON.parse(await readFile(file, 'utf8'));
  expect(onDisk.requests).toHaveLength(1);
  expect(onDisk.requests[0].state).toBe('succeeded');
  expect(Object.keys(onDisk.deliveries)).toHaveLength(100);
});
