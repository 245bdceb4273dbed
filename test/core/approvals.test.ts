/**
 * Approvals through the real bot: who may approve, deny and cancel, expiry, double clicks,
 * and the two-approver rule. Every decision arrives as a ChatEvent, as from a chat platform.
 */
import { createBotHarness, demoUsers, user, type BotHarness } from '../support/bot-harness.js';

const MINUTE = 60_000;

async function migrateRequest(h: BotHarness, text = 'migrate vm42 to node2'): Promise<number> {
  const result = await h.say('alice', text);
  expect(result).toMatchObject({ accepted: true });
  return result.requestId!;
}

describe('who may approve', () => {
  test('the requester cannot approve their own request', async () => {
    const h = await createBotHarness({ users: [...demoUsers, user('olga', 'admin')] });
    const id = (await h.say('olga', 'migrate vm42 to node2')).requestId!;
    const result = await h.click('olga', 'approve', id);
    expect(result.accepted).toBe(false);
    expect(h.lastAnswerTo('olga')).toContain('someone else has to approve it');
    expect((await h.request(id)).state).toBe('pending');
    expect(h.cluster.stats().started).toBe(0);
  });

  test('nor from their account on another platform (the same configured person)', async () => {
    const users = demoUsers.map((u) => (u.name === 'erin' ? user('erin', 'admin', { slack: 'U0ERIN' }) : u));
    const h = await createBotHarness({ users, platforms: ['slack'] });
    const id = (await h.say('erin', 'migrate vm42 to node2')).requestId!;
    const result = await h.chat.deliver({
      kind: 'action', action: 'approve', requestId: id,
      actor: { platform: 'slack', id: 'U0ERIN', name: 'Erin (Slack)' }, where: { platform: 'slack', conversation: 'C0OPS' },
    });
    expect(result).toEqual({ accepted: false });
    expect(h.chat.privateTo('U0ERIN')[0]?.message.text).toContain('someone else has to approve it');
    expect((await h.request(id)).approvals).toEqual([]);
  });

  test.each([
    ['alice', 'operator'],
    ['dave', 'viewer'],
    ['mallory', 'unknown user'],
  ])('%s (%s) cannot approve', async (who) => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    const result = await h.click(who, 'approve', id);
    expect(result.accepted).toBe(false);
    const answer = h.lastAnswerTo(who);
    // An unknown user is not told the request exists (no reads across clusters, issue 12).
    expect(answer).toMatch(who === 'mallory' ? /^No request named #1\.$/ : /needs the approver role on demo|someone else has to approve/);
    expect((await h.request(id)).state).toBe('pending');
  });

  test('a display name is never an identity: "bob" with another id is a stranger', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    const result = await h.chat.deliver({
      kind: 'action', action: 'approve', requestId: id,
      actor: { platform: 'test', id: 'mallory', name: 'bob' }, where: { platform: 'test', conversation: 'ops' },
    });
    expect(result).toEqual({ accepted: false });
    expect((await h.request(id)).state).toBe('pending');
  });

  test('an approver approves with a button and the job starts', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    expect(await h.click('bob', 'approve', id)).toMatchObject({ accepted: true, requestId: id });
    expect(h.lastAnswerTo('bob')).toBe(`Approved #${id}.`);
    await h.idle();
    const done = await h.request(id);
    expect(done.state).toBe('succeeded');
    expect(done.approvals.map((a) => a.actor.name)).toEqual(['bob']);
    expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node2');
    expect(h.audit.entries.map((e) => e.event)).toEqual(['requested', 'approved', 'job-started', 'job-succeeded']);
  });

  test('typing `approve #1` is the same as clicking', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    await h.say('carol', `approve #${id}`);
    await h.idle();
    expect((await h.request(id)).state).toBe('succeeded');
  });

  test('with three approvals needed, the first approver is told two more are needed', async () => {
    const h = await createBotHarness({ policy: { clusters: { demo: { approvals: { change: 1, disruptive: 3 } } } } });
    const id = (await h.say('alice', 'drain node3')).requestId!;
    await h.click('bob', 'approve', id);
    expect(h.lastAnswerTo('bob')).toBe(`Approval recorded #${id} (1 of 3; 2 more approvers needed).`);
  });
});

describe('expiry', () => {
  test('an approval after 30 minutes is refused and the card says the request expired', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    const card = (await h.request(id)).cardRef!;
    expect(h.chat.textOf(card.messageId)).toContain('expires in 30 min');
    await h.clock.advance(30 * MINUTE + 1);
    const result = await h.click('bob', 'approve', id);
    expect(result.accepted).toBe(false);
    expect(h.lastAnswerTo('bob')).toContain(`#${id} expired at 09:30 UTC`);
    expect((await h.request(id)).state).toBe('expired');
    expect(h.chat.textOf(card.messageId)).toContain('Expired at 09:30 UTC without an approval');
    expect(h.chat.textOf(card.messageId)).not.toContain('[Approve');
    expect(h.cluster.stats().started).toBe(0);
  });

  test('one minute before expiry an approval still works', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    await h.clock.advance(29 * MINUTE);
    expect((await h.click('bob', 'approve', id)).accepted).toBe(true);
    await h.idle();
    expect((await h.request(id)).state).toBe('succeeded');
  });

  test('the sweep marks overdue requests expired and updates their cards, and only those', async () => {
    const h = await createBotHarness();
    const old = await migrateRequest(h);
    await h.clock.advance(20 * MINUTE);
    const recent = await migrateRequest(h, 'migrate app01 to node3');
    await h.clock.advance(11 * MINUTE);
    expect(await h.bot.sweep()).toBe(1);
    expect((await h.request(old)).state).toBe('expired');
    expect((await h.request(recent)).state).toBe('pending');
    expect(h.chat.textOf((await h.request(old)).cardRef!.messageId)).toContain('Expired');
    expect(h.audit.entries.filter((e) => e.event === 'expired').map((e) => e.requestId)).toEqual([old]);
    expect(await h.bot.sweep()).toBe(0);
    // vm42 is free again once its request expired
    expect((await h.say('alice', 'migrate vm42 to node3')).accepted).toBe(true);
  });
});

describe('decided requests', () => {
  test('a second click changes nothing and says who decided', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    await h.click('bob', 'approve', id);
    const again = await h.click('carol', 'approve', id);
    expect(again.accepted).toBe(false);
    expect(h.lastAnswerTo('carol')).toMatch(new RegExp(`#${id} was already approved by bob`));
    await h.idle();
    expect((await h.request(id)).approvals).toHaveLength(1);
    expect(h.cluster.stats().started).toBe(1);
  });

  test('deny with a reason: the card shows it, and a later approval is refused naming the denier', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    await h.say('bob', `deny ${id} not during business hours`);
    const denied = await h.request(id);
    expect(denied.state).toBe('denied');
    expect(denied.denial).toMatchObject({ actor: { name: 'bob' }, reason: 'not during business hours' });
    expect(h.chat.textOf(denied.cardRef!.messageId)).toContain('Denied by @bob at 09:00 UTC: not during business hours');
    expect(h.audit.entries.find((e) => e.event === 'denied')).toMatchObject({ requestId: id, detail: 'not during business hours' });
    await h.click('carol', 'approve', id);
    expect(h.lastAnswerTo('carol')).toContain(`#${id} was already denied by bob`);
    expect(h.cluster.stats().started).toBe(0);
  });

  test('the reason given on a deny button is kept too; a viewer cannot deny', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    expect((await h.click('dave', 'deny', id, { reason: 'nope' })).accepted).toBe(false);
    expect(h.lastAnswerTo('dave')).toContain('needs the approver role');
    await h.click('carol', 'deny', id, { reason: 'change freeze' });
    expect((await h.request(id)).denial?.reason).toBe('change freeze');
  });

  test('the requester cancels a pending request; the VM is free again', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    expect((await h.say('alice', `cancel ${id}`)).accepted).toBe(true);
    const cancelled = await h.request(id);
    expect(cancelled.state).toBe('cancelled');
    expect(h.chat.textOf(cancelled.cardRef!.messageId)).toContain('Cancelled by @alice');
    await h.click('bob', 'approve', id);
    expect(h.lastAnswerTo('bob')).toContain('already cancelled by alice');
    expect((await h.say('alice', 'migrate vm42 to node3')).accepted).toBe(true);
  });

  test.each(['bob', 'dave', 'mallory'])('%s, not the requester, cannot cancel a pending request', async (who) => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    expect((await h.click(who, 'cancel', id)).accepted).toBe(false);
    expect(h.lastAnswerTo(who)).toBe(who === 'mallory' ? `No request named #${id}.` : `Only the requester (alice) or an admin can cancel #${id}.`);
    expect((await h.request(id)).state).toBe('pending');
  });

  test('an admin may cancel anyone\'s pending request', async () => {
    const h = await createBotHarness();
    const id = await migrateRequest(h);
    expect((await h.click('erin', 'cancel', id)).accepted).toBe(true);
    expect((await h.request(id)).cancellation?.actor.name).toBe('erin');
  });

  test('an unknown request id is answered plainly', async () => {
    const h = await createBotHarness();
    expect((await h.click('bob', 'approve', 99)).accepted).toBe(false);
    expect(h.lastAnswerTo('bob')).toBe('No request named #99.');
  });
});

describe('two approvers for a drain', () => {
  test('the first approval keeps it pending; the same approver twice is refused; the second starts the job', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'drain node3')).requestId!;
    expect((await h.request(id)).requiredApprovals).toBe(2);

    await h.click('bob', 'approve', id);
    expect(h.lastAnswerTo('bob')).toBe(`Approval recorded #${id} (1 of 2; one more approver needed).`);
    const half = await h.request(id);
    expect(half.state).toBe('pending');
    expect(h.chat.textOf(half.cardRef!.messageId)).toContain('approved by @bob, 1 of 2');
    expect(h.bot.runningJobs()).toEqual([]);

    expect((await h.click('bob', 'approve', id)).accepted).toBe(false);
    expect(h.lastAnswerTo('bob')).toContain('You already approved');
    expect((await h.click('alice', 'approve', id)).accepted).toBe(false);
    expect((await h.request(id)).approvals).toHaveLength(1);
    expect((await h.cluster.listNodes()).find((n) => n.name === 'node3')?.state).toBe('Up');

    await h.click('carol', 'approve', id);
    expect(h.lastAnswerTo('carol')).toBe(`Approved #${id}.`);
    await h.idle();
    expect((await h.request(id)).state).toBe('succeeded');
    expect((await h.request(id)).approvals.map((a) => a.actor.name)).toEqual(['bob', 'carol']);
  });

  test('the same approver from another platform counts once', async () => {
    const users = demoUsers.map((u) => (u.name === 'bob' ? user('bob', 'approver', { teams: 'aad-bob' }) : u));
    const h = await createBotHarness({ users, platforms: ['teams'] });
    const id = (await h.say('alice', 'drain node3')).requestId!;
    await h.click('bob', 'approve', id);
    const result = await h.chat.deliver({
      kind: 'action', action: 'approve', requestId: id,
      actor: { platform: 'teams', id: 'aad-bob', name: 'Bob B.' }, where: { platform: 'teams', conversation: 'ops-team' },
    });
    expect(result).toEqual({ accepted: false });
    expect((await h.request(id)).state).toBe('pending');
  });

  test('the number of approvals is configurable per cluster', async () => {
    const h = await createBotHarness({ policy: { clusters: { demo: { approvals: { change: 2, disruptive: 3 } } } } });
    const id = await migrateRequest(h);
    await h.click('bob', 'approve', id);
    expect(h.lastAnswerTo('bob')).toBe(`Approval recorded #${id} (1 of 2; one more approver needed).`);
    expect((await h.request(id)).state).toBe('pending');
    await h.click('carol', 'approve', id);
    await h.idle();
    expect((await h.request(id)).state).toBe('succeeded');
  });

  test('with three approvals needed, the first approver is told two more are needed', async () => {
    const h = await createBotHarness({ policy: { clusters: { demo: { approvals: { change: 1, disruptive: 3 } } } } });
    const id = (await h.say('alice', 'drain node3')).requestId!;
    await h.click('bob', 'approve', id);
    expect(h.lastAnswerTo('bob')).toBe(`Approval recorded #${id} (1 of 3; 2 more approvers needed).`);
  });
});
