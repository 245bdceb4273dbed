/**
 * The guards on card clicks, over real HTTP: the requester and a non-approver are refused
 * (only they see why), who sees the buttons, denial, and activities delivered twice.
 */
import { alice, bob, carol, cardInvoke, channelMention, dave, membersAdded } from './helpers/activities.js';
import { cardOf, cardText, startHarness, waitFor, type Harness } from './helpers/harness.js';

interface Answer {
  statusCode: number;
  type: string;
  value: string | { body: unknown[]; actions?: { verb: string }[] };
}

describe('Teams card clicks: who may decide', () => {
  let h: Harness;
  let thread: string;
  let cardId: string;
  const click = async (who: typeof alice, verb: string) => (await h.send(cardInvoke(h.capture.url, who, thread, cardId, verb, { requestId: 1 }))).body as Answer;

  beforeEach(async () => {
    h = await startHarness();
    await h.send(membersAdded(h.capture.url, [alice, bob, carol, dave]));
    const post = channelMention(h.capture.url, alice, 'migrate vm42 to node2');
    await h.send(post);
    await waitFor(() => h.capture.delivered().length === 1, 'the approval card');
    thread = post.id;
    cardId = h.capture.delivered()[0]!.newId!;
  });
  afterEach(() => h.close());

  test('the requester cannot approve their own request: told so privately, the card stays', async () => {
    const answer = await click(alice, 'approve');
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toBe('You asked for #1; someone else has to approve it.');
    await h.teams.settled();
    expect(h.capture.requests).toHaveLength(1);
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
  });

  test('a viewer cannot approve: refused by role, whatever the card showed', async () => {
    const answer = await click(dave, 'approve');
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(answer.value).toMatch(/needs the approver role on demo; dave does not have it/);
    await h.teams.settled();
    expect(h.capture.requests).toHaveLength(1);
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
  });

  test('only approvers other than the requester get the buttons when the card refreshes', async () => {
    const viewOf = async (who: typeof alice) => ((await click(who, 'refresh')).value as { actions?: { verb: string }[] }).actions?.map((a) => a.verb);
    expect(await viewOf(bob)).toEqual(['approve', 'deny']);
    expect(await viewOf(carol)).toEqual(['approve', 'deny']);
    expect(await viewOf(alice)).toBeUndefined();
    expect(await viewOf(dave)).toBeUndefined();
  });

  test('a denial replaces the card for everyone with who denied it, and runs nothing', async () => {
    const answer = await click(carol, 'deny');
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = answer.value as { body: unknown[]; actions?: unknown };
    expect(JSON.stringify(card.body)).toMatch(/Denied by @carol at \d\d:\d\d UTC/);
    expect(card.actions).toBeUndefined();
    await h.teams.settled();
    const update = h.capture.delivered().find((r) => r.method === 'PUT' && r.activityId === cardId)!;
    expect(cardText(cardOf(update.body))).toMatch(/Denied by @carol/);
    expect(cardOf(update.body).refresh).toBeUndefined();
    expect(await h.runtime.bot.stateOf(1)).toBe('denied');
  });

  test('a repeated message activity (same id) creates no second request', async () => {
    const again = channelMention(h.capture.url, alice, 'migrate web01 to node2');
    expect((await h.send(again)).status).toBe(200);
    expect((await h.send(again)).status).toBe(200);
    await h.teams.settled();
    expect(h.capture.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(await h.runtime.bot.stateOf(2)).toBe('pending');
    expect(await h.runtime.bot.stateOf(3)).toBeUndefined();
  });

  test('a repeated click (same activity id) is answered with the card and decides nothing again', async () => {
    const approve = cardInvoke(h.capture.url, bob, thread, cardId, 'approve', { requestId: 1 });
    expect(((await h.send(approve)).body as Answer).type).toBe('application/vnd.microsoft.card.adaptive');
    await h.runtime.bot.idle();
    await h.teams.settled();
    const before = h.capture.requests.length;
    const replay = (await h.send(approve)).body as Answer;
    expect(replay.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify((replay.value as { body: unknown[] }).body)).toMatch(/Approved by @bob · done/);
    await h.teams.settled();
    expect(h.capture.requests).toHaveLength(before);
    expect(await h.runtime.bot.stateOf(1)).toBe('succeeded');
  });
});
