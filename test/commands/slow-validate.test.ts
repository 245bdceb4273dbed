/**
 * Long operations talk: `validate` is acknowledged at once, its categories and percent go into
 * the acknowledgement's thread like a migration's, the report is the thread's last reply, and a
 * second `validate` meanwhile points to the running one (and mentions its asker there).
 */
import type { Cluster } from '../../src/cluster/cluster.js';
import { createBotHarness } from '../support/bot-harness.js';

describe('validate', () => {
  test('acknowledges at once, reports each category with its percent in the thread, and ends with the report', async () => {
    const h = await createBotHarness({ autoClock: false });
    const result = await h.say('alice', 'validate');
    expect(result.accepted).toBe(true);
    const ack = h.chat.messages()[0]!;
    expect(ack.message.text).toBe('⏳ Validation of demo: started by @alice; progress in the thread, the result at the end.');
    expect(h.chat.threadOf(ack.ref)).toEqual([]);

    await h.advanceUntil(() => h.chat.threadOf(ack.ref).some((s) => s.message.text.startsWith('Network tests')), 500);
    // A second asker is pointed to the running one, privately, and mentioned in its thread.
    expect((await h.say('bob', 'validate')).accepted).toBe(true);
    expect(h.lastAnswerTo('bob')).toMatch(/^Validation of demo is already running: started by @alice at 09:00 UTC, now \d+% \(Network tests\)\. Its thread will have the result; you are mentioned there\.$/);
    expect(h.chat.messages().filter((s) => s.message.text.startsWith('⏳ Validation'))).toHaveLength(1);

    await h.runUntilIdle(1000);
    const thread = h.chat.threadOf(ack.ref).map((s) => s.message.text);
    expect(thread).toContain('Also waiting for this: @bob');
    for (const category of ['Network', 'System Configuration', 'Hyper-V Configuration', 'Cluster Configuration']) {
      expect(thread.some((t) => new RegExp(`^${category} tests \\(\\d+%\\)$`).test(t))).toBe(true);
    }
    const progress = h.chat.threadOf(ack.ref)[0]!;
    const shown = h.chat.updatesOf(progress.ref.messageId).map((u) => u.message.text);
    expect(shown.some((t) => /[1-9]\d% (Hyper-V|Cluster) Configuration tests/.test(t))).toBe(true);
    expect(h.chat.textOf(progress.ref.messageId)).toMatch(/100% done/);
    const last = h.chat.threadOf(ack.ref).at(-1)!;
    expect(last.replyOptions?.broadcast).toBe(true);
    expect(last.message.text).toMatch(/Validation of demo/);
    expect(last.message.text).not.toContain('⏳');
  });

  test('a cluster that says nothing until the end gets an estimate, marked so, under 100% until it answers', async () => {
    const quiet = (c: Cluster): Cluster => Object.assign(Object.create(c) as Cluster, {
      validate: (options?: Parameters<Cluster['validate']>[0]) => c.validate({ includeStorage: options?.includeStorage }),
    });
    const h = await createBotHarness({ autoClock: false, decorate: quiet });
    await h.say('alice', 'validate');
    const ack = h.chat.messages()[0]!;
    await h.runUntilIdle(1000);
    const progress = h.chat.threadOf(ack.ref)[0]!;
    const shown = h.chat.updatesOf(progress.ref.messageId).map((u) => u.message.text);
    expect(shown.some((t) => /\d+% Network tests \(estimated\)/.test(t))).toBe(true);
    expect(shown.filter((t) => /(estimated)/.test(t)).every((t) => !/100%/.test(t))).toBe(true);
    expect(h.chat.threadOf(ack.ref).at(-1)!.message.text).toMatch(/Validation of demo/);
  });
});
