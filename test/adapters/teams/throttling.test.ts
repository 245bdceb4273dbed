/**
 * Sending within Teams' limits, over real HTTP: 429 is retried after the server's
 * Retry-After, 412/502/504 with backoff, other failures not at all; a burst to one
 * conversation leaves at the documented per-conversation rates and in order.
 */
import { plain } from '../../../src/core/messages.js';
import { alice, bob, carol, CHANNEL, cardInvoke, channelMention, dave, membersAdded } from './helpers/activities.js';
import { cardOf, cardText, startHarness, waitFor, type Harness } from './helpers/harness.js';

/** The most events that fall in any window of `ms` (inclusive of both ends minus one ms). */
function busiest(times: number[], ms: number): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));
}

describe('Teams sends under throttling', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.send(membersAdded(h.capture.url, [alice, bob, carol, dave]));
  });
  afterEach(() => h.close());

  test('a 429 is retried once the Retry-After has passed, with the same activity', async () => {
    h.capture.failNext({ status: 429, headers: { 'retry-after': '2' }, method: 'POST' });
    await h.send(channelMention(h.capture.url, alice, 'nodes'));
    await waitFor(() => h.capture.delivered().length === 1, 'the answer after the retry');
    const [throttled, sent] = h.capture.requests;
    expect(throttled!.status).toBe(429);
    expect(sent!.status).toBe(201);
    expect(sent!.body).toEqual(throttled!.body);
    expect(sent!.at - throttled!.at).toBeGreaterThanOrEqual(2000);
    expect(cardText(cardOf(sent!.body))).toContain('node1');
  });

  test('412, 502 and 504 on a card update are retried until it goes through', async () => {
    const post = channelMention(h.capture.url, alice, 'migrate vm42 to node2');
    await h.send(post);
    await waitFor(() => h.capture.delivered().length === 1, 'the approval card');
    const cardId = h.capture.delivered()[0]!.newId!;
    h.capture.failNext({ status: 412, method: 'PUT' }, { status: 502, method: 'PUT' }, { status: 504, method: 'PUT' });
    const answer = (await h.send(cardInvoke(h.capture.url, carol, post.id, cardId, 'deny', { requestId: 1 }))).body as { type: string };
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    await h.teams.settled();
    const puts = h.capture.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.status)).toEqual([412, 502, 504, 200]);
    expect(new Set(puts.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(cardText(cardOf(puts[3]!.body))).toMatch(/Denied by @carol/);
  });

  test('a 403 (the bot was removed or blocked) is not retried', async () => {
    h.capture.failNext({ status: 403, method: 'POST' });
    await h.send(channelMention(h.capture.url, alice, 'nodes'));
    await h.teams.settled();
    expect(h.capture.requests.map((r) => r.status)).toEqual([403]);
  });

  test('a burst of 20 messages to one conversation stays within 7 a second and 8 in 2 seconds, in order', async () => {
    const where = { platform: 'teams', conversation: CHANNEL, thread: '1700000000001' };
    const refs = await Promise.all(Array.from({ length: 20 }, (_, i) => h.teams.post(where, plain(`message ${i}`))));
    expect(new Set(refs.map((r) => r.messageId)).size).toBe(20);
    const sent = h.capture.delivered();
    expect(sent.map((r) => cardText(cardOf(r.body)))).toEqual(Array.from({ length: 20 }, (_, i) => expect.stringContaining(`message ${i}"`)));
    const times = sent.map((r) => r.at);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(7);
    expect(busiest(times, 2000)).toBeLessThanOrEqual(8);
    expect(sent.every((r) => r.conversationId === `${CHANNEL};messageid=1700000000001`)).toBe(true);
  });
});
