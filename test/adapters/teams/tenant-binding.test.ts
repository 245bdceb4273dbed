/**
 * What an authenticated activity may claim: it must come from Teams, from a configured tenant,
 * with its conversation in that same tenant; and a person is who the config says only in the
 * tenant configured for them. Over real HTTP, with the real bot behind the adapter.
 */
import { CHANNEL, TENANT, alice, bob, cardInvoke, channelMention, fromTenant, membersAdded } from './helpers/activities.js';
import { startHarness, users, waitFor, type Harness } from './helpers/harness.js';

const OTHER_TENANT = 'a1b2c3d4-0000-4000-8000-0000000000ff';

describe('Teams activities are bound to a configured tenant', () => {
  let h: Harness;
  afterEach(() => h.close());

  const nothingRan = async () => {
    await h.teams.settled();
    await h.runtime.bot.idle();
    expect(h.capture.requests).toHaveLength(0);
    expect(await h.runtime.bot.stateOf(1)).toBeUndefined();
  };

  test('an activity from another channel than msteams is refused (403) and runs nothing', async () => {
    h = await startHarness();
    for (const channelId of ['webchat', 'emulator', 'directline']) {
      const response = await h.send({ ...channelMention(h.capture.url, alice, 'migrate vm42 to node2'), channelId });
      expect(response).toEqual({ status: 403, body: 'activity refused' });
    }
    expect((await h.send({ ...membersAdded(h.capture.url, [alice]), channelId: 'webchat' })).status).toBe(403);
    await nothingRan();
    expect(await h.runtime.bot.stateOf(1)).toBeUndefined();
  });

  test('an activity from a tenant that is not configured is refused, whoever it names', async () => {
    h = await startHarness();
    expect((await h.send(fromTenant(channelMention(h.capture.url, alice, 'migrate vm42 to node2'), OTHER_TENANT))).status).toBe(403);
    expect((await h.send(fromTenant(membersAdded(h.capture.url, [alice, bob]), OTHER_TENANT))).status).toBe(403);
    const noTenant = channelMention(h.capture.url, alice, 'nodes');
    const { tenantId: _dropped, ...conversation } = noTenant.conversation;
    expect((await h.send({ ...noTenant, channelData: { channel: { id: CHANNEL } }, conversation })).status).toBe(403);
    await nothingRan();
  });

  test("a conversation whose tenant is not the activity's is refused", async () => {
    h = await startHarness({ tenants: [TENANT, OTHER_TENANT], users: users.map((u) => ({ ...u, teamsTenant: TENANT })) });
    const mixed = fromTenant(channelMention(h.capture.url, alice, 'migrate vm42 to node2'), TENANT, OTHER_TENANT);
    expect((await h.send(mixed)).status).toBe(403);
    const reversed = fromTenant(channelMention(h.capture.url, alice, 'migrate vm42 to node2'), OTHER_TENANT, TENANT);
    expect((await h.send(reversed)).status).toBe(403);
    await nothingRan();
  });

  test('an AAD object id configured in one tenant is nobody in another: no command, no approval, no place in the refresh list', async () => {
    h = await startHarness({ tenants: [TENANT, OTHER_TENANT], users: users.map((u) => ({ ...u, teamsTenant: TENANT })) });
    await h.send(membersAdded(h.capture.url, [alice, bob]));
    const post = channelMention(h.capture.url, alice, 'migrate vm42 to node2');
    await h.send(post);
    await waitFor(() => h.capture.delivered().length === 1, 'the approval card');
    const cardId = h.capture.delivered()[0]!.newId!;

    // Someone in the other tenant whose account carries bob's object id, and a different Teams id.
    const impostor = { id: '29:impostor-mri', aadObjectId: bob.aadObjectId, name: 'bob' };
    await h.send(fromTenant(membersAdded(h.capture.url, [impostor]), OTHER_TENANT));
    const click = await h.send(fromTenant(cardInvoke(h.capture.url, impostor, post.id, cardId, 'approve', { requestId: 1 }), OTHER_TENANT));
    expect(click.status).toBe(200);
    await h.teams.settled();
    await h.runtime.bot.idle();
    expect(await h.runtime.bot.stateOf(1)).toBe('pending');
    // The refresh list still reaches the real bob, not the impostor's Teams id.
    const refreshed = await h.send(cardInvoke(h.capture.url, alice, post.id, cardId, 'refresh', {}));
    expect(JSON.stringify(refreshed.body)).toContain(bob.id);
    expect(JSON.stringify(refreshed.body)).not.toContain(impostor.id);

    const command = fromTenant(channelMention(h.capture.url, { ...impostor, aadObjectId: alice.aadObjectId }, 'migrate web01 to node2'), OTHER_TENANT);
    await h.send(command);
    await h.teams.settled();
    await h.runtime.bot.idle();
    expect(await h.runtime.bot.stateOf(2)).toBeUndefined();

    // The real bob, in his own tenant, decides.
    await h.send(cardInvoke(h.capture.url, bob, post.id, cardId, 'approve', { requestId: 1 }));
    await h.runtime.bot.idle();
    expect(['approved', 'running', 'succeeded']).toContain(await h.runtime.bot.stateOf(1));
  });
});
