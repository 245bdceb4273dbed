/**
 * The whole Slack path with the real bot: a slash command through the signed HTTP receiver,
 * the approval card, another person's click, the card updated, progress in the thread, and
 * the completion broadcast to the channel with everyone mentioned.
 */
import type { RecordedCall } from './fake-slack-api.js';
import { BOT_TOKEN, OPS, SIGNING_SECRET, U, startHarness, type SlackHarness } from './slack-harness.js';

type AnyBlock = { type: string; [k: string]: unknown };
const blocksOf = (c: RecordedCall) => (c.args.blocks ?? []) as AnyBlock[];
const hasButtons = (c: RecordedCall) => blocksOf(c).some((b) => b.type === 'actions');
const buttonsOf = (c: RecordedCall) => blocksOf(c).flatMap((b) => (b.type === 'actions' ? (b.elements as Record<string, unknown>[]) : []));

describe('Slack: command → approval → progress → completion', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startHarness({ bind: true });
  });
  afterAll(async () => {
    await h.close();
  });

  let card: RecordedCall;

  test('the slash command is acked at once and an approval card with Approve and Deny is posted', async () => {
    const res = await h.command('migrate vm42 to node2', U.alice);
    expect(res.status).toBe(200);
    await h.quiesce();
    const posts = h.api.ok('chat.postMessage');
    expect(posts).toHaveLength(1);
    card = posts[0]!;
    expect(card.token).toBe(BOT_TOKEN);
    expect(card.args.channel).toBe(OPS);
    expect(card.args.thread_ts).toBeUndefined();
    expect(String(card.args.text)).toContain('Live migration of vm42 (node1 → node2)');
    expect(blocksOf(card)[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: expect.stringContaining('#1') } });
    expect(buttonsOf(card)).toEqual([
      expect.objectContaining({ type: 'button', action_id: 'hyperv:approve:1', value: '1', style: 'primary' }),
      expect.objectContaining({ type: 'button', action_id: 'hyperv:deny:1', value: '1', style: 'danger' }),
    ]);
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
  });

  test('another person approves: the card is updated in place, buttons gone, with who approved', async () => {
    const res = await h.click('approve', 1, U.bob, card.ts!);
    expect(res.status).toBe(200);
    await h.quiesce();
    expect(await h.runtime.bot.stateOf(1)).toBe('succeeded');
    const cardUpdates = h.api.ok('chat.update').filter((c) => c.args.ts === card.ts);
    expect(cardUpdates.length).toBeGreaterThanOrEqual(1);
    for (const u of cardUpdates) {
      expect(hasButtons(u)).toBe(false);
      expect(String(u.args.text)).toContain('Approved by @bob');
    }
    expect(String(cardUpdates.at(-1)!.args.text)).toContain('done');
    const ephemeral = h.api.ok('chat.postEphemeral');
    expect(ephemeral).toEqual([expect.objectContaining({ args: expect.objectContaining({ channel: OPS, user: U.bob, text: 'Approved #1.' }) })]);
  });

  test('progress lives in the card’s thread: one progress message edited, phase replies', () => {
    const threaded = h.api.ok('chat.postMessage').filter((c) => c.args.thread_ts === card.ts);
    const progress = threaded.find((c) => String(c.args.text).includes('%'));
    expect(progress).toBeDefined();
    const edits = h.api.ok('chat.update').filter((c) => c.args.ts === progress!.ts);
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(String(edits.at(-1)!.args.text)).toContain('100%');
    expect(threaded.some((c) => /^Memory copy/.test(String(c.args.text)))).toBe(true);
    expect(threaded.every((c) => c.args.channel === OPS)).toBe(true);
  });

  test('the completion notice is a broadcast thread reply that mentions requester and approver', () => {
    const done = h.api.ok('chat.postMessage').filter((c) => c.args.reply_broadcast === 'true');
    expect(done).toHaveLength(1);
    const notice = done[0]!;
    expect(notice.args.thread_ts).toBe(card.ts);
    expect(String(notice.args.text)).toMatch(/✅ #1 vm42 is running on node2/);
    expect(String(notice.args.text)).toContain(`Requested by <@${U.alice}>, approved by <@${U.bob}>`);
    const mentions = blocksOf(notice).find((b) => JSON.stringify(b).includes(`<@${U.bob}>`));
    expect(mentions).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
  });

  test('no secret ever reaches the log', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    for (const line of h.logs) {
      expect(line).not.toContain(BOT_TOKEN);
      expect(line).not.toContain(SIGNING_SECRET);
    }
  });
});
