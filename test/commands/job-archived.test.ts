/** `job <id>` for a request the live state has archived answers from the audit log. */
import { createMemoryStore } from '../../src/store/low-store.js';
import { createBotHarness } from '../support/bot-harness.js';

test('an archived job is told from the audit log; an id never used is not found', async () => {
  const h = await createBotHarness({ store: createMemoryStore({ archiveAfterMs: 86_400_000, keepFinished: 0 }) });
  const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
  await h.click('bob', 'approve', id);
  await h.idle();
  expect(await h.store.get(id)).toBeUndefined(); // archived as soon as it finished (keep none)
  await h.say('dave', `job ${id}`);
  const answer = h.chat.messages().at(-1)!.message.text;
  expect(answer).toContain(`#${id} (archived: from the audit log)`);
  expect(answer).toMatch(/requested: alice migrate vm42 node2/);
  expect(answer).toMatch(/approved: bob/);
  expect(answer).toMatch(/job-succeeded: .*vm42 is running on node2/);
  await h.say('dave', 'job 99');
  expect(h.lastAnswerTo('dave')).toBe('No job named #99.');
});
