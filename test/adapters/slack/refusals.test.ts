/**
 * Everything that must not run, through the real receiver and the real bot: forged or stale
 * requests, self-approval, approvers without the role, unknown people, the wrong channel.
 * Refusals reach only the person concerned, as ephemeral messages.
 */
import { sign, slashCommand } from './signed-request.js';
import { OPS, OTHER, SIGNING_SECRET, U, startHarness, type SlackHarness } from './slack-harness.js';

const ephemeralTo = (h: SlackHarness, user: string) => h.api.ok('chat.postEphemeral').filter((c) => c.args.user === user);
const posted = (h: SlackHarness) => h.api.ok('chat.postMessage');

describe('Slack refusals', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startHarness({ bind: true });
  });
  afterEach(async () => {
    await h.close();
  });

  const cardFor = async (text: string) => {
    await h.command(text, U.alice);
    await h.quiesce();
    const card = posted(h).at(-1)!;
    expect(card.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions' })]));
    return card;
  };

  test('a bad signature gets 401 and runs nothing', async () => {
    const d = slashCommand({ text: 'migrate vm42 to node2', userId: U.alice, channelId: OPS });
    const ts = Math.floor(Date.now() / 1000);
    const res = await h.send(d, { signature: sign('not-the-secret', ts, d.body), timestamp: ts });
    expect(res.status).toBe(401);
    await h.quiesce();
    expect(h.api.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(await h.runtime.bot.stateOf(1)).toBeUndefined();
  });

  test('a correctly signed request older than five minutes gets 401 and runs nothing', async () => {
    const d = slashCommand({ text: 'migrate vm42 to node2', userId: U.alice, channelId: OPS });
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await h.send(d, { timestamp: stale, signature: sign(SIGNING_SECRET, stale, d.body) });
    expect(res.status).toBe(401);
    await h.quiesce();
    expect(h.api.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(await h.runtime.bot.stateOf(1)).toBeUndefined();
  });

  test('the requester clicking Approve on their own card is refused, privately', async () => {
    const card = await cardFor('migrate vm42 to node2');
    const res = await h.click('approve', 1, U.alice, card.ts!);
    expect(res.status).toBe(200);
    await h.quiesce();
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
    expect(ephemeralTo(h, U.alice).map((c) => c.args.text)).toEqual(['You asked for #1; someone else has to approve it.']);
    expect(h.api.ok('chat.update')).toHaveLength(0);
  });

  test('someone without the approver role cannot approve', async () => {
    const card = await cardFor('migrate vm42 to node2');
    await h.click('approve', 1, U.dave, card.ts!);
    await h.quiesce();
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
    expect(String(ephemeralTo(h, U.dave)[0]?.args.text)).toContain('needs the approver role');
    expect(h.api.ok('chat.update')).toHaveLength(0);
  });

  test('a Deny click from an approver denies, and the card says who and when, without buttons', async () => {
    const card = await cardFor('migrate vm42 to node2');
    await h.click('deny', 1, U.carol, card.ts!);
    await h.quiesce();
    expect(await h.runtime.bot.stateOf(1)).toBe('denied');
    const update = h.api.ok('chat.update').find((c) => c.args.ts === card.ts)!;
    expect(String(update.args.text)).toMatch(/🚫 Denied by @carol at \d\d:\d\d UTC/);
    expect(JSON.stringify(update.args.blocks)).not.toContain('"actions"');
  });

  test('someone the config does not know is refused with the reason', async () => {
    await h.command('migrate vm42 to node2', U.stranger);
    await h.quiesce();
    expect(posted(h)).toHaveLength(0);
    expect(String(ephemeralTo(h, U.stranger)[0]?.args.text)).toContain(`I don't know`);
    expect(await h.runtime.bot.stateOf(1)).toBeUndefined();
  });

  test('a cluster bound to #ops cannot be operated from another channel', async () => {
    await h.command('migrate vm42 to node2', U.alice, OTHER);
    await h.quiesce();
    expect(posted(h)).toHaveLength(0);
    const refusal = ephemeralTo(h, U.alice)[0]!;
    expect(refusal.args.channel).toBe(OTHER);
    expect(String(refusal.args.text)).toContain(`can't be operated from this conversation`);
    expect(await h.runtime.bot.stateOf(1)).toBeUndefined();
  });

  test('a typing mistake comes back privately with a suggestion', async () => {
    await h.command('migrat vm42 to node2', U.alice);
    await h.quiesce();
    expect(posted(h)).toHaveLength(0);
    expect(String(ephemeralTo(h, U.alice)[0]?.args.text)).toContain('Did you mean');
  });
});
