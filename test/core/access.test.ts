/**
 * Every guard fails closed: unknown people, misspelled roles, roles for another cluster,
 * conversations a cluster is not bound to, nonsense approval counts, unknown clusters.
 */
import type { Role, UserEntry } from '../../src/core/access.js';
import { createBotHarness, demoUsers, user } from '../support/bot-harness.js';

const misspelled: UserEntry = { name: 'max', ids: { test: 'max' }, roles: { '*': 'aprover' as Role } };

describe('people the bot does not know, or whose role it cannot read', () => {
  test.each([
    ['mallory', 'an unknown user'],
    ['max', 'a user whose role is misspelled'],
  ])('%s (%s) gets nothing but help', async (who) => {
    const h = await createBotHarness({ users: [...demoUsers, misspelled] });
    for (const text of ['vms', 'nodes', 'vm vm42', 'jobs', 'migrate vm42 to node2', 'migrate vm42 to node2 --what-if', 'drain node3']) {
      expect((await h.say(who, text)).accepted).toBe(false);
    }
    expect(await h.store.list()).toEqual([]);
    const help = await h.say(who, 'help');
    expect(help.accepted).toBe(true);
    expect(h.chat.messages().at(-1)?.message.text).toContain('What I can do');
  });

  test('the unknown user is told who to ask, by platform id', async () => {
    const h = await createBotHarness();
    await h.say('mallory', 'vms');
    expect(h.lastAnswerTo('mallory')).toBe("I don't know mallory (test id mallory); ask an admin to add you to the bot's users or to a group it maps. Until then only `help` works.");
    expect(h.audit.entries).toEqual([expect.objectContaining({ event: 'refused', actor: expect.objectContaining({ id: 'mallory' }) })]);
  });

  test('a user with a misspelled role cannot approve either', async () => {
    const h = await createBotHarness({ users: [...demoUsers, misspelled] });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    expect((await h.click('max', 'approve', id)).accepted).toBe(false);
    expect((await h.request(id)).state).toBe('pending');
  });

  test('a viewer reads but cannot ask for a change', async () => {
    const h = await createBotHarness();
    expect((await h.say('dave', 'vms')).accepted).toBe(true);
    expect((await h.say('dave', 'migrate vm42 to node2')).accepted).toBe(false);
    expect(h.lastAnswerTo('dave')).toBe('dave needs the operator role on demo for that.');
    expect(await h.store.list()).toEqual([]);
  });
});

describe('roles are per cluster', () => {
  const clusters = ['demo', 'prod'];

  test('a role on prod gives nothing on demo', async () => {
    const h = await createBotHarness({ clusters, users: [...demoUsers, { name: 'pat', ids: { test: 'pat' }, roles: { prod: 'admin' } }] });
    expect((await h.say('pat', 'vms')).accepted).toBe(false);
    expect(h.lastAnswerTo('pat')).toContain('needs the viewer role on demo');
    expect((await h.say('pat', 'vms on prod')).accepted).toBe(true);
    expect((await h.say('pat', 'migrate vm42 to node2 --cluster prod')).accepted).toBe(true);
    expect((await h.request(1)).cluster).toBe('prod');
  });

  test('a cluster\'s own entry wins over "*", even when it is lower', async () => {
    const h = await createBotHarness({ clusters, users: [...demoUsers, { name: 'vic', ids: { test: 'vic' }, roles: { '*': 'admin', prod: 'viewer' } }] });
    expect((await h.say('vic', 'migrate vm42 to node2 on prod')).accepted).toBe(false);
    expect((await h.say('vic', 'migrate vm42 to node2 on demo')).accepted).toBe(true);
  });

  test('an unknown cluster is refused, naming the configured ones, and nothing is created', async () => {
    const h = await createBotHarness({ clusters });
    expect((await h.say('alice', 'migrate vm42 to node2 --cluster staging')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toBe('No cluster named staging. Configured: demo, prod.');
    expect(await h.store.list()).toEqual([]);
  });

  test('an approver for demo only cannot approve a prod request', async () => {
    const h = await createBotHarness({ clusters, users: [...demoUsers, { name: 'dan', ids: { test: 'dan' }, roles: { demo: 'approver' } }] });
    const id = (await h.say('alice', 'migrate vm42 to node2 on prod')).requestId!;
    expect((await h.click('dan', 'approve', id)).accepted).toBe(false);
    // dan may not see prod at all, so the request reads as absent.
    expect(h.lastAnswerTo('dan')).toBe(`No request named #${id}.`);
    expect((await h.request(id)).state).toBe('pending');
  });
});

describe('approval counts that make no sense still need approval', () => {
  test.each([0, -1, 1.5, Number.NaN])('change: %p needs one approval', async (change) => {
    const h = await createBotHarness({ policy: { clusters: { demo: { approvals: { change, disruptive: 2 } } } } });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    expect((await h.request(id)).requiredApprovals).toBe(1);
    expect((await h.request(id)).state).toBe('pending');
    expect(h.bot.runningJobs()).toEqual([]);
  });

  test.each([0, Number.NaN])('disruptive: %p falls back to the default of two, not to one', async (disruptive) => {
    const h = await createBotHarness({ policy: { clusters: { demo: { approvals: { change: 1, disruptive } } } } });
    const id = (await h.say('alice', 'drain node3')).requestId!;
    expect((await h.request(id)).requiredApprovals).toBe(2);
  });
});

describe('clusters bound to conversations', () => {
  const bound = { clusters: { demo: { approvals: { change: 1, disruptive: 2 }, conversations: [{ platform: 'test', conversation: 'ops' }] } } };

  test('commands from another conversation are refused; help still answers', async () => {
    const h = await createBotHarness({ policy: bound });
    const elsewhere = { platform: 'test', conversation: 'random' };
    expect((await h.say('alice', 'vms', { where: elsewhere })).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toContain("demo can't be operated from this conversation");
    expect((await h.say('alice', 'migrate vm42 to node2', { where: elsewhere })).accepted).toBe(false);
    expect((await h.say('alice', 'help', { where: elsewhere })).accepted).toBe(true);
    expect(await h.store.list()).toEqual([]);
    expect((await h.say('alice', 'vms')).accepted).toBe(true);
  });

  test('an approval typed in another conversation is refused', async () => {
    const h = await createBotHarness({ policy: bound });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    const result = await h.say('bob', `approve ${id}`, { where: { platform: 'test', conversation: 'dm-bob' } });
    expect(result.accepted).toBe(false);
    expect((await h.request(id)).state).toBe('pending');
  });

  test('an unknown user in the bound conversation still gets nothing', async () => {
    const h = await createBotHarness({ policy: bound, users: [user('alice', 'operator')] });
    expect((await h.say('bob', 'vms')).accepted).toBe(false);
  });
});
