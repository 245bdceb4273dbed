/**
 * A job's thread: one progress message edited no more often than the interval, a reply at
 * each phase change, and a completion notice in the channel naming the people involved.
 */
import type { Block } from '../../src/core/chat.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';
import type { Sent } from '../support/recording-chat.js';

const INTERVAL = 2000;
const POLL = 100;

async function migrated(h: BotHarness, text: string) {
  const id = (await h.say('alice', text)).requestId!;
  await h.click('bob', 'approve', id);
  await h.idle();
  const r = await h.request(id);
  const thread = h.chat.threadOf(r.cardRef!);
  const progressMessage = thread.find((s) => s.message.blocks.some((b) => b.type === 'progress'))!;
  return { id, r, thread, progressMessage, shows: [progressMessage, ...h.chat.updatesOf(progressMessage.ref.messageId)] };
}

function progressOf(sent: Sent): Extract<Block, { type: 'progress' }> {
  const block = sent.message.blocks.find((b) => b.type === 'progress');
  if (block?.type !== 'progress') throw new Error('not a progress message');
  return block;
}

describe('the progress message', () => {
  test('is edited in place no more often than the interval, except when the phase changes', async () => {
    const h = await createBotHarness({ policy: { progressIntervalMs: INTERVAL, pollMs: POLL } });
    const { r, shows } = await migrated(h, 'migrate vm42 to node2');
    const elapsed = r.job!.finishedAt! - r.job!.startedAt;
    const samples = elapsed / POLL;
    expect(samples).toBeGreaterThan(30);

    let phaseChanges = 0;
    for (let i = 1; i < shows.length; i++) {
      const [prev, cur] = [shows[i - 1]!, shows[i]!];
      const changed = progressOf(cur).phase !== progressOf(prev).phase;
      if (changed) phaseChanges++;
      else if (i < shows.length - 1) expect(cur.at - prev.at).toBeGreaterThanOrEqual(INTERVAL);
    }
    expect(shows.length).toBeGreaterThan(2);
    expect(shows.length).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL) + phaseChanges + 2);
    expect(shows.length).toBeLessThan(samples / 3);
    const last = progressOf(shows.at(-1)!);
    expect(last).toEqual({ type: 'progress', percent: 100, phase: 'done' });
  });

  test('percent never goes backwards', async () => {
    const h = await createBotHarness({ policy: { progressIntervalMs: 500, pollMs: POLL } });
    const { shows } = await migrated(h, 'migrate "SQL Server 01" to node3');
    const percents = shows.map((s) => progressOf(s).percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  test('the job record keeps the progress message and the last value shown', async () => {
    const h = await createBotHarness({ policy: { progressIntervalMs: INTERVAL, pollMs: POLL } });
    const { r, progressMessage } = await migrated(h, 'migrate vm42 to node2');
    expect(r.job).toMatchObject({ percent: 100, phase: 'done', progressRef: progressMessage.ref });
  });
});

describe('phase changes', () => {
  test('a live migration replies for each memory copy pass and the blackout; the end is the completion notice', async () => {
    const h = await createBotHarness({ policy: { progressIntervalMs: INTERVAL, pollMs: POLL } });
    const { thread } = await migrated(h, 'migrate vm42 to node2');
    const phases = thread.map((s) => s.message.text).filter((t) => /^[A-Z][a-z].* \(\d+%\)$/.test(t)).map((t) => t.replace(/ \(\d+%\)$/, ''));
    expect(phases).toEqual(['Memory copy, pass 1', 'Memory copy, pass 2', 'Blackout (final copy, VM paused)']);
    expect(thread.at(-1)!.message.text).toMatch(/^✅ /);
  });

  test('a quick migration shows saving first, then replies for moving and restoring', async () => {
    const h = await createBotHarness({ policy: { progressIntervalMs: INTERVAL, pollMs: POLL } });
    const { thread, progressMessage } = await migrated(h, 'quick migrate vm42 to node2');
    expect(progressOf(progressMessage).phase).toBe('saving VM state');
    const phases = thread.map((s) => s.message.text).filter((t) => /^[A-Z][a-z].* \(\d+%\)$/.test(t)).map((t) => t.replace(/ \(\d+%\)$/, ''));
    expect(phases).toEqual(['Moving to the target', 'Restoring VM state']);
  });
});

describe('completion', () => {
  test('is broadcast to the channel, naming requester and approver, with duration and downtime', async () => {
    const h = await createBotHarness();
    const { id, thread } = await migrated(h, 'migrate vm42 to node2');
    const notice = thread.at(-1)!;
    expect(notice.replyOptions?.broadcast).toBe(true);
    const record = h.cluster.history('vm42')[0]!;
    expect(record.result.kind).toBe('succeeded');
    const downtime = record.result.kind === 'succeeded' ? record.result.outcome.downtimeMs! : 0;
    expect(notice.message.text).toContain(`✅ #${id} vm42 is running on node2 (live migration, downtime ${downtime} ms) · took `);
    expect(notice.message.text).toMatch(/took \d\.\d s/);
    const mentions = notice.message.blocks.find((b) => b.type === 'mentions');
    expect(mentions?.type === 'mentions' && mentions.actors.map((a) => a.id)).toEqual(['alice']);
    expect(mentions?.type === 'mentions' && mentions.then?.flatMap((p) => p.actors.map((a) => a.id))).toEqual(['bob']);
    expect(notice.message.text).toContain('Requested by @alice, approved by @bob');
  });

  test('a quick migration reports the whole save-and-restore as downtime', async () => {
    const h = await createBotHarness();
    const { thread } = await migrated(h, 'quick migrate vm42 to node2');
    const record = h.cluster.history('vm42')[0]!;
    const outcome = record.result.kind === 'succeeded' ? record.result.outcome : undefined;
    expect(outcome?.downtimeMs).toBe(outcome?.durationMs);
    expect(thread.at(-1)!.message.text).toMatch(/vm42 is running on node2 \(quick migration, downtime \d+(\.\d)? s\)/);
  });

  test('the card shows the job done, with no buttons left', async () => {
    const h = await createBotHarness();
    const { r } = await migrated(h, 'migrate vm42 to node2');
    const card = h.chat.updatesOf(r.cardRef!.messageId).at(-1)!.message;
    expect(card.text).toContain('✅ Approved by @bob · done at 09:00 UTC');
    expect(card.blocks.some((b) => b.type === 'buttons')).toBe(false);
  });
});
