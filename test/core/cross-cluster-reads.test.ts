/**
 * No reads across clusters: every read command shows only the requests, jobs and audit entries
 * of clusters the person may see in that conversation (role and conversation binding). A request
 * of another cluster reads exactly as one that does not exist, for reads and for decisions.
 */
import type { UserEntry } from '../../src/core/access.js';
import type { Where } from '../../src/core/chat.js';
import { createBotHarness, demoUsers, type BotHarness } from '../support/bot-harness.js';

const clusters = ['prod-a', 'rehearsal'];
/** vera is a viewer on rehearsal and nothing else. */
const vera: UserEntry = { name: 'vera', ids: { test: 'vera' }, roles: { rehearsal: 'viewer' } };
/** rita approves on rehearsal only. */
const rita: UserEntry = { name: 'rita', ids: { test: 'rita' }, roles: { rehearsal: 'approver' } };
const OPS_PROD: Where = { platform: 'test', conversation: 'ops-prod' };

/** #1 on prod-a (denied by bob, with a reason), #2 on prod-a (pending), #3 on rehearsal (pending). */
async function withRequests(bindProd = false): Promise<BotHarness> {
  const h = await createBotHarness({
    clusters,
    users: [...demoUsers, vera, rita],
    ...(bindProd ? { policy: { clusters: { 'prod-a': { approvals: { change: 1, disruptive: 2 }, conversations: [OPS_PROD] } } } } : {}),
  });
  const where = bindProd ? { where: OPS_PROD } : {};
  expect((await h.say('alice', 'migrate vm42 to node2 on prod-a', where)).requestId).toBe(1);
  expect((await h.say('bob', 'deny 1 secret maintenance window', where)).accepted).toBe(true);
  expect((await h.say('alice', 'migrate web01 to node3 on prod-a', where)).requestId).toBe(2);
  expect((await h.say('alice', 'migrate vm42 to node3 on rehearsal')).requestId).toBe(3);
  return h;
}

async function answerTo(h: BotHarness, who: string, text: string, where?: Where): Promise<{ accepted: boolean; text: string }> {
  const result = await h.say(who, text, where ? { where } : {});
  return { accepted: result.accepted, text: h.chat.messages().at(-1)!.message.text };
}

const PROD_TRACES = ['prod-a', 'web01', 'bob', 'secret', 'denied', '#1', '#2'];

describe('a viewer on rehearsal learns nothing about prod-a', () => {
  test('jobs lists rehearsal requests only', async () => {
    const h = await withRequests();
    const { accepted, text } = await answerTo(h, 'vera', 'jobs on rehearsal');
    expect(accepted).toBe(true);
    expect(text).toContain('#3');
    for (const trace of PROD_TRACES) expect(text).not.toContain(trace);
  });

  test('job <id> of prod-a answers exactly as a request that never existed', async () => {
    const h = await withRequests();
    const hidden = await answerTo(h, 'vera', 'job 1 on rehearsal');
    const missing = await answerTo(h, 'vera', 'job 99 on rehearsal');
    expect(hidden.accepted).toBe(false);
    expect(hidden.text.replace('#1', '#N')).toBe(missing.text.replace('#99', '#N'));
    expect((await answerTo(h, 'vera', 'job 3 on rehearsal')).text).toContain('migrate vm42 to node3 on rehearsal');
  });

  test('an archived prod-a job (in the audit log only) is as absent as a live one', async () => {
    const h = await withRequests();
    await h.audit.append({ at: new Date(h.clock.now()).toISOString(), event: 'job-succeeded', requestId: 42, cluster: 'prod-a', command: 'migrate', args: { vm: 'web01' } });
    expect((await answerTo(h, 'vera', 'job 42 on rehearsal')).text).toBe('No job named #42.');
    expect((await answerTo(h, 'erin', 'job 42')).text).toContain('#42 (archived');
  });

  test('audit shows rehearsal entries only, and nothing that names no cluster', async () => {
    const h = await withRequests();
    await h.say('mallory', 'vms on prod-a');
    await h.audit.append({ at: new Date(h.clock.now()).toISOString(), event: 'refused', actor: { platform: 'test', id: 'mallory', name: 'mallory' }, detail: 'no cluster named' });
    const { accepted, text } = await answerTo(h, 'vera', 'audit on rehearsal');
    expect(accepted).toBe(true);
    expect(text).toContain('#3');
    for (const trace of [...PROD_TRACES, 'mallory']) expect(text).not.toContain(trace);
    expect((await answerTo(h, 'vera', 'audit bob on rehearsal')).text).toBe('No audit entries about bob.');
    expect((await answerTo(h, 'erin', 'audit bob')).text).toContain('secret maintenance window');
    expect((await answerTo(h, 'erin', 'audit mallory')).text).toContain('no cluster named');
  });

  test('vm shows the rehearsal request holding it, never the prod-a one', async () => {
    const h = await withRequests();
    const { text } = await answerTo(h, 'vera', 'vm vm42 on rehearsal');
    expect(text).toContain('#3');
    for (const trace of PROD_TRACES) expect(text).not.toContain(trace);
  });

  test.each(['approve', 'deny', 'cancel'])('%s on a prod-a id answers exactly as a nonexistent id, and changes nothing', async (verb) => {
    const h = await withRequests();
    const hidden = await answerTo(h, 'rita', `${verb} 2`);
    const missing = await answerTo(h, 'rita', `${verb} 99`);
    expect(hidden.accepted).toBe(false);
    expect(hidden.text.replace('#2', '#N')).toBe(missing.text.replace('#99', '#N'));
    expect((await h.request(2)).state).toBe('pending');
    const decided = await answerTo(h, 'rita', `${verb} 1`);
    expect(decided.text).toBe('No request named #1.');
  });

  test('a button click on a prod-a card from a rehearsal approver reads as a missing request', async () => {
    const h = await withRequests();
    expect((await h.click('rita', 'approve', 2)).accepted).toBe(false);
    expect(h.lastAnswerTo('rita')).toBe('No request named #2.');
    expect((await h.click('rita', 'approve', 3)).accepted).toBe(true);
  });
});

describe('people the bot does not know learn nothing about requests', () => {
  test.each(['approve', 'deny', 'cancel'])('%s: no state, no requester, no approver names', async (verb) => {
    const h = await withRequests();
    for (const id of [1, 2, 3]) {
      const { accepted, text } = await answerTo(h, 'mallory', `${verb} ${id}`);
      expect(accepted).toBe(false);
      expect(text).toBe(`No request named #${id}.`);
    }
    expect((await h.request(2)).state).toBe('pending');
  });

  test('reads are refused without a word about requests', async () => {
    const h = await withRequests();
    for (const text of ['jobs', 'job 1', 'audit', 'audit bob']) {
      const answer = await answerTo(h, 'mallory', text);
      expect(answer.accepted).toBe(false);
      for (const trace of ['bob', 'alice', 'denied', 'pending', 'vm42']) expect(answer.text).not.toContain(trace);
    }
  });
});

describe('the conversation binding limits reads too', () => {
  test('an admin outside the bound channel sees no prod-a request; inside it, all of them', async () => {
    const h = await withRequests(true);
    const outside = await answerTo(h, 'erin', 'jobs on rehearsal');
    expect(outside.text).toContain('#3');
    for (const trace of PROD_TRACES) expect(outside.text).not.toContain(trace);
    expect((await answerTo(h, 'erin', 'job 2 on rehearsal')).text).toBe('No job named #2.');
    expect((await answerTo(h, 'erin', 'audit on rehearsal')).text).not.toContain('prod-a');
    expect((await answerTo(h, 'erin', 'cancel 2')).text).toBe('No request named #2.');
    const inside = await answerTo(h, 'erin', 'jobs', OPS_PROD);
    expect(inside.text).toContain('#1');
    expect(inside.text).toContain('#2');
    expect(inside.text).toContain('#3');
  });
});
