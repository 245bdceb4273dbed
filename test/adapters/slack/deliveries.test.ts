/**
 * How Slack delivers, and how the bot copes: @-mentions and DMs as commands, retried event
 * deliveries and replayed clicks that run nothing twice, and a 429 with Retry-After that is
 * waited out with the post still delivered.
 */
import { BOT_USER_ID } from './fake-slack-api.js';
import { blockAction, eventCallback } from './signed-request.js';
import { OPS, U, startHarness, type SlackHarness } from './slack-harness.js';

const DM = 'DALICE01';
const mentionEvent = (ts: string, text: string, thread?: string) => ({
  type: 'app_mention',
  user: U.alice,
  text,
  ts,
  channel: OPS,
  event_ts: ts,
  ...(thread ? { thread_ts: thread } : {}),
});

describe('Slack deliveries', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startHarness({ bind: false });
  });
  afterEach(async () => {
    await h.close();
  });

  test('an @-mention is a command with the mention stripped, answered in its thread', async () => {
    const res = await h.send(eventCallback('Ev0001', mentionEvent('1700000000.000100', `<@${BOT_USER_ID}> vms on node3`, '1699999999.000001')));
    expect(res.status).toBe(200);
    await h.quiesce();
    const [answer] = h.api.ok('chat.postMessage');
    expect(answer?.args).toMatchObject({ channel: OPS, thread_ts: '1699999999.000001' });
    expect(String(answer?.args.text)).toContain('exchange01');
    expect(String(answer?.args.text)).not.toContain('vm42');
  });

  test('a plain message in a DM with the bot is a command', async () => {
    const message = { type: 'message', channel: DM, channel_type: 'im', user: U.alice, text: 'nodes', ts: '1700000000.000200', event_ts: '1700000000.000200' };
    await h.send(eventCallback('Ev0002', message));
    await h.quiesce();
    const [answer] = h.api.ok('chat.postMessage');
    expect(answer?.args.channel).toBe(DM);
    expect(String(answer?.args.text)).toMatch(/node1[\s\S]*node2[\s\S]*node3/);
  });

  test('a retried delivery (X-Slack-Retry-Num, same event_id) does not run again', async () => {
    const d = eventCallback('Ev0003', mentionEvent('1700000000.000300', `<@${BOT_USER_ID}> migrate vm42 to node2`));
    await h.send(d);
    await h.quiesce();
    const retry = await h.send(d, { retryNum: 1 });
    expect(retry.status).toBe(200);
    await h.quiesce();
    expect(h.api.ok('chat.postMessage')).toHaveLength(1);
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
    expect(await h.runtime.bot.stateOf(2)).toBeUndefined();
    expect(h.api.ok('chat.postEphemeral')).toHaveLength(0);
  });

  test('one DM message delivered both as app_mention and as message.im runs once', async () => {
    const ts = '1700000000.000400';
    await h.send(eventCallback('Ev0004', { type: 'app_mention', user: U.alice, text: `<@${BOT_USER_ID}> vms`, ts, channel: DM, event_ts: ts }));
    await h.send(eventCallback('Ev0005', { type: 'message', channel: DM, channel_type: 'im', user: U.alice, text: `<@${BOT_USER_ID}> vms`, ts, event_ts: ts }));
    await h.quiesce();
    expect(h.api.ok('chat.postMessage')).toHaveLength(1);
  });

  test('a replayed click payload decides nothing twice', async () => {
    await h.command('migrate vm42 to node2', U.alice);
    await h.quiesce();
    const card = h.api.ok('chat.postMessage')[0]!;
    const click = blockAction({ userId: U.bob, channelId: OPS, messageTs: card.ts!, actionId: 'hyperv:approve:1', value: '1', actionTs: '1700000001.111111' });
    await h.send(click);
    await h.send(click);
    await h.quiesce();
    expect(h.api.ok('chat.postEphemeral').map((c) => c.args.text)).toEqual(['Approved #1.']);
    expect((await h.runtime.clusters[0]!.getVm('vm42'))?.ownerNode).toBe('node2');
    expect(h.api.ok('chat.postMessage').filter((c) => c.args.reply_broadcast === 'true')).toHaveLength(1);
  });

  test('a card Slack will not edit is logged with Slack’s reason, and the job still runs', async () => {
    await h.command('migrate vm42 to node2', U.alice);
    await h.quiesce();
    const card = h.api.ok('chat.postMessage')[0]!;
    h.api.failNext('chat.update', { error: 'message_not_found' });
    await h.click('approve', 1, U.bob, card.ts!);
    await h.quiesce();
    expect(await h.runtime.bot.stateOf(1)).toBe('succeeded');
    expect(h.logs.some((l) => l.includes('Slack message update failed') && l.includes('message_not_found'))).toBe(true);
    expect(h.api.ok('chat.postMessage').filter((c) => c.args.reply_broadcast === 'true')).toHaveLength(1);
  });

  test('a command in a channel the bot has not joined gets a private hint through the response_url', async () => {
    h.api.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.command('vms', U.alice, 'CNOTJOIN');
    await h.quiesce();
    const hints = h.api.ok('response_url');
    expect(hints).toHaveLength(1);
    expect(hints[0]!.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(hints[0]!.args.text)).toContain(`/invite <@${BOT_USER_ID}>`);
    expect(h.logs.some((l) => l.includes('not_in_channel'))).toBe(true);
  });

  test('a 429 with Retry-After is waited out and the post is delivered', async () => {
    h.api.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await h.command('migrate vm42 to node2', U.alice);
    await h.quiesce();
    const attempts = h.api.calls.filter((c) => c.method === 'chat.postMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.args.text).toBe(attempts[0]!.args.text);
    expect(h.logs.some((l) => l.includes('Slack rate limit reached') && l.includes('"retryAfterSeconds":1'))).toBe(true);
    const waits = await h.runtime.metrics.registry.getSingleMetricAsString('hyperv_chatops_chat_rate_limit_wait_seconds');
    expect(waits).toMatch(/hyperv_chatops_chat_rate_limit_wait_seconds_count\{platform="slack"\} 1/);
    expect(waits).toMatch(/hyperv_chatops_chat_rate_limit_wait_seconds_sum\{platform="slack"\} 1\b/);
    // The card landed, so its ref (and the request's thread) is the delivered message.
    await h.click('approve', 1, U.bob, attempts[1]!.ts!);
    await h.quiesce();
    expect(h.api.ok('chat.update').some((c) => c.args.ts === attempts[1]!.ts)).toBe(true);
  });
});
