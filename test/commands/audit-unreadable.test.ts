/**
 * The chat `audit` command says when lines of the log cannot be read (torn by a failed write,
 * or edited) instead of leaving them out in silence (issue 12 point 3).
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileAuditLog } from '../../src/store/audit-file.js';
import { createMemoryStore } from '../../src/store/low-store.js';
import { createBotHarness } from '../support/bot-harness.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'hyperv-chatops-audit-chat-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

test('audit in chat shows the entries it can read and warns of the lines it cannot', async () => {
  const file = join(dir, 'audit.jsonl');
  const h = await createBotHarness({ audit: { ...createFileAuditLog(file), entries: [] } });
  await h.say('alice', 'migrate vm42 to node2');
  await appendFile(file, '{"at":"2026-12-03T09:00:00Z","event":"appr\n');
  await h.say('alice', 'migrate web01 to node3');
  await appendFile(file, '{"at":"2026-12-03T09:0');
  await h.say('dave', 'audit');
  const answer = h.chat.messages().at(-1)!.message.text;
  expect(answer).toContain('`migrate vm42 to node2`');
  expect(answer).toContain('`migrate web01 to node3`');
  expect(answer).toContain("⚠ 2 lines of the audit log could not be read and are not shown (torn by a write that failed, or edited). `npm run cli -- audit verify` on the bot's host names the line.");
});

test('and says nothing of the kind when every line reads', async () => {
  const h = await createBotHarness({ audit: { ...createFileAuditLog(join(dir, 'audit.jsonl')), entries: [] } });
  await h.say('alice', 'migrate vm42 to node2');
  await h.say('dave', 'audit');
  expect(h.chat.messages().at(-1)!.message.text).not.toContain('could not be read');
});

test('job <id> told from the audit log warns of the lines it cannot read too', async () => {
  const file = join(dir, 'audit.jsonl');
  const store = createMemoryStore({ archiveAfterMs: 86_400_000, keepFinished: 0 });
  const h = await createBotHarness({ store, audit: { ...createFileAuditLog(file), entries: [] } });
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  await h.click('bob', 'approve', id);
  await h.idle();
  await appendFile(file, '{"at":"2026-12-03T09:00:00Z","event":"job-succ');
  await h.say('dave', `job ${id}`);
  const answer = h.chat.messages().at(-1)!.message.text;
  expect(answer).toContain(`#${id} (archived: from the audit log)`);
  expect(answer).toContain('⚠ 1 line of the audit log could not be read and is not shown');
});
