/**
 * The whole Teams flow over real HTTP: an @mention in a channel, the approval card, an
 * approver's Action.Execute, the updated card, progress in the thread, and the completion
 * notice with real mentions, delivered after the click's turn had ended.
 */
import { alice, bob, CHANNEL, cardInvoke, channelMention, membersAdded, carol, dave } from './helpers/activities.js';
import { cardOf, cardText, startHarness, waitFor, type Harness } from './helpers/harness.js';

describe('Teams: mention → approval card → Action.Execute → progress → completion', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    expect((await h.send(membersAdded(h.capture.url, [alice, bob, carol, dave]))).status).toBe(200);
  });
  afterEach(() => h.close());

  test('an approver approves by clicking; progress and completion land in the request thread', async () => {
    const post = channelMention(h.capture.url, alice, 'migrate vm42 to node2');
    const accepted = await h.send(post);
    expect(accepted.status).toBe(200);
    await waitFor(() => h.capture.delivered().length >= 1, 'the approval card');
    const [cardPost] = h.capture.delivered();
    expect(cardPost!.method).toBe('POST');
    expect(cardPost!.conversationId).toBe(`${CHANNEL};messageid=${post.id}`);
    const card = cardOf(cardPost!.body);
    expect(cardText(card)).toContain('Live migration of vm42');
    expect(card.actions).toBeUndefined();
    expect(card.refresh).toEqual({
      action: expect.objectContaining({ type: 'Action.Execute', verb: 'refresh', data: { requestId: 1 } }),
      userIds: [bob.id, carol.id],
    });
    const cardId = cardPost!.newId!;

    const refreshed = await h.send(cardInvoke(h.capture.url, bob, post.id, cardId, 'refresh', { requestId: 1 }, 'automatic'));
    expect(refreshed.status).toBe(200);
    const bobsView = (refreshed.body as { value: { actions: { verb: string }[] } }).value;
    expect(bobsView.actions.map((a) => a.verb)).toEqual(['approve', 'deny']);

    const click = cardInvoke(h.capture.url, bob, post.id, cardId, 'approve', { requestId: 1 });
    const answered = await h.send(click);
    expect(answered.status).toBe(200);
    const answer = answered.body as { statusCode: number; type: string; value: { body: unknown[]; actions?: unknown } };
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value.body)).toMatch(/Approved by @bob/);
    expect(answer.value.actions).toBeUndefined();

    await h.runtime.bot.idle();
    await h.teams.settled();
    const delivered = h.capture.delivered();
    const cardUpdates = delivered.filter((r) => r.method === 'PUT' && r.activityId === cardId);
    expect(cardUpdates.length).toBeGreaterThanOrEqual(2);
    expect(cardText(cardOf(cardUpdates.at(-1)!.body))).toMatch(/Approved by @bob · done/);

    const threadPosts = delivered.filter((r) => r.method === 'POST' && r.seq > cardPost!.seq);
    expect(threadPosts.every((r) => r.conversationId === `${CHANNEL};messageid=${post.id}`)).toBe(true);
    const progressPosts = threadPosts.filter((r) => /▓|░/.test(cardText(cardOf(r.body))));
    expect(progressPosts).toHaveLength(1); // one progress card, updated in place
    const progress = progressPosts[0]!;
    const progressUpdates = delivered.filter((r) => r.method === 'PUT' && r.activityId === progress.newId);
    expect(progressUpdates.length).toBeGreaterThanOrEqual(1);
    expect(cardText(cardOf(progressUpdates.at(-1)!.body))).toContain('▓▓▓▓▓▓▓▓▓▓ 100% done');

    const completion = threadPosts.at(-1)!;
    const notice = cardOf(completion.body);
    expect(cardText(notice)).toContain('vm42 is running on node2');
    expect(cardText(notice)).toContain('<at>alice</at>');
    expect(cardText(notice)).toContain('<at>bob</at>');
    expect((notice.msteams as { entities: unknown[] }).entities).toEqual([
      { type: 'mention', text: '<at>alice</at>', mentioned: { id: alice.aadObjectId, name: 'alice' } },
      { type: 'mention', text: '<at>bob</at>', mentioned: { id: bob.aadObjectId, name: 'bob' } },
    ]);
    // Proactive: the completion reached the connector after the click's HTTP turn had answered.
    expect(h.events.indexOf(`connector:POST:${completion.seq}`)).toBeGreaterThan(h.events.indexOf(`response:${click.id}`));
  });
});
