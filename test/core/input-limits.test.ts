/**
 * Bounded work before access checks: a message longer than any command is refused with a clear
 * answer before it is tokenized or searched for "did you mean", whoever sends it.
 * (How fast: `npm run bench -- core`, rows "hostile message".)
 */
import { createBotHarness } from '../support/bot-harness.js';

const MiB = 1024 * 1024;

describe('oversized messages', () => {
  test.each([
    ['a 40,000-character word', 'x'.repeat(40_000), '40,000 characters'],
    ['a 1 MiB message of words', 'migrate '.repeat(MiB / 8), '1,048,576 characters'],
    ['a 1 MiB unclosed quote', `vm "${'a'.repeat(MiB - 4)}`, '1,048,576 characters'],
  ])('%s is refused, naming the size and the limit, for a known and an unknown person', async (_label, text, size) => {
    const h = await createBotHarness();
    for (const who of ['alice', 'mallory']) {
      expect((await h.say(who, text)).accepted).toBe(false);
      const answer = h.lastAnswerTo(who);
      expect(answer).toBe(`That message is too long for a command (${size}; at most 2,000). Type \`help\` for the list.`);
    }
    expect(await h.store.list()).toEqual([]);
  });

  test('more words than any command has is refused before matching', async () => {
    const h = await createBotHarness();
    expect((await h.say('alice', `vms ${'a '.repeat(200)}`)).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toBe('That message is too long for a command (201 words; at most 120). Type `help` for the list.');
  });

  test('a long first word gets no "did you mean" search; a typo still does', async () => {
    const h = await createBotHarness();
    await h.say('alice', `migrat${'e'.repeat(60)} vm42 to node2`);
    expect(h.lastAnswerTo('alice')).toBe("I don't know the command `migrateeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee…`. Type `help` for the list.");
    await h.say('alice', 'migrat vm42 to node2');
    expect(h.lastAnswerTo('alice')).toContain('Did you mean `migrate`?');
  });

  test('the longest real command still works: a deny with a 500-character reason', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    expect((await h.say('bob', `deny ${id} ${'because '.repeat(62)}now`)).accepted).toBe(true);
    expect((await h.request(id)).state).toBe('denied');
  });
});
