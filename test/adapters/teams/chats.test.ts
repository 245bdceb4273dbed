/**
 * Group chats and personal chats: no channel threads there, so replies answer the parent
 * activity (POST …/activities/{id}); the bot's mention is stripped in group chats; a
 * message meant for one person is addressed to them with a real mention.
 */
import { alice, bob, carol, chatMessage, dave } from './helpers/activities.js';
import { cardOf, cardText, startHarness, waitFor, type Harness } from './helpers/harness.js';

const ALICE_CHAT = { id: 'a:1alice-personal-chat', type: 'personal' as const };
const BOB_CHAT = { id: 'a:1bob-personal-chat', type: 'personal' as const };
const GROUP = { id: '19:ops-group@thread.v2', type: 'groupChat' as const };

describe('Teams chats', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  test('a group chat command with the bot mentioned is answered in the chat', async () => {
    expect((await h.send(chatMessage(h.capture.url, carol, GROUP, 'nodes'))).status).toBe(200);
    await waitFor(() => h.capture.delivered().length === 1, 'the answer');
    const [answer] = h.capture.delivered();
    expect(answer!.conversationId).toBe(GROUP.id);
    expect(answer!.activityId).toBeUndefined();
    expect(cardText(cardOf(answer!.body))).toMatch(/node1.*node2.*node3/);
  });

  test('a refusal in a group chat is addressed to the person with a mention', async () => {
    await h.send(chatMessage(h.capture.url, dave, GROUP, 'migrate vm42 to node2'));
    await waitFor(() => h.capture.delivered().length === 1, 'the refusal');
    const card = cardOf(h.capture.delivered()[0]!.body);
    expect((card.body[0] as { text: string }).text).toBe('<at>dave</at>');
    expect(cardText(card)).toMatch(/operator/);
    expect(card.msteams).toEqual({ width: 'Full', entities: [{ type: 'mention', text: '<at>dave</at>', mentioned: { id: dave.aadObjectId, name: 'dave' } }] });
  });

  test('in a personal chat, progress and the completion answer the approval card', async () => {
    await h.send(chatMessage(h.capture.url, bob, BOB_CHAT, 'help'));
    await h.send(chatMessage(h.capture.url, alice, ALICE_CHAT, 'migrate vm42 to node2'));
    await waitFor(() => h.capture.delivered().filter((r) => r.conversationId === ALICE_CHAT.id).length === 1, 'the approval card');
    const card = h.capture.delivered().find((r) => r.conversationId === ALICE_CHAT.id)!;
    expect(cardText(cardOf(card.body))).toContain('Live migration of vm42');

    await h.send(chatMessage(h.capture.url, bob, BOB_CHAT, 'approve 1'));
    await waitFor(() => h.capture.delivered().some((r) => r.conversationId === BOB_CHAT.id && /Approved #1/.test(cardText(cardOf(r.body)))), 'the note to bob');
    await h.runtime.bot.idle();
    await h.teams.settled();

    const inAlicesChat = h.capture.delivered().filter((r) => r.conversationId === ALICE_CHAT.id && r.seq > card.seq);
    const replies = inAlicesChat.filter((r) => r.method === 'POST');
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.every((r) => r.activityId === card.newId && r.body.replyToId === card.newId)).toBe(true);
    expect(cardText(cardOf(replies.at(-1)!.body))).toContain('vm42 is running on node2');
    const cardUpdates = inAlicesChat.filter((r) => r.method === 'PUT' && r.activityId === card.newId);
    expect(cardText(cardOf(cardUpdates.at(-1)!.body))).toMatch(/Approved by @bob · done/);
    const note = h.capture.delivered().find((r) => r.conversationId === BOB_CHAT.id && /Approved #1/.test(cardText(cardOf(r.body))))!;
    expect((cardOf(note.body).msteams as { entities?: unknown }).entities).toBeUndefined();
  });
});
