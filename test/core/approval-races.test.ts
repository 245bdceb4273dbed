/**
 * Races and repeats: many approvers clicking at once, platforms retrying a delivery. Whatever
 * arrives, a request is decided once and its job runs once.
 */
import { createBotHarness, demoUsers, user } from '../support/bot-harness.js';

const approvers = Array.from({ length: 20 }, (_, i) => user(`approver${i + 1}`, 'approver'));

describe('concurrent approvals', () => {
  test('20 approvers at once: one decision, one job, one migration', async () => {
    const h = await createBotHarness({ users: [...demoUsers, ...approvers] });
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    const results = await Promise.all(approvers.map((a) => h.click(a.name, 'approve', id)));
    expect(results.filter((r) => r.accepted)).toHaveLength(1);
    const winner = approvers[results.findIndex((r) => r.accepted)]!.name;
    for (const loser of approvers.filter((a) => a.name !== winner)) {
      expect(h.lastAnswerTo(loser.name)).toContain(`was already approved by ${winner}`);
    }
    await h.idle();
    const done = await h.request(id);
    expect(done.state).toBe('succeeded');
    expect(done.approvals.map((a) => a.actor.name)).toEqual([winner]);
    expect(h.cluster.stats().started).toBe(1);
    expect(h.cluster.history('vm42')).toHaveLength(1);
    expect(h.audit.entries.filter((e) => e.event === 'job-started')).toHaveLength(1);
    expect(h.audit.entries.filter((e) => e.event === 'approved')).toHaveLength(1);
  });

  test('20 approvers at once on a drain: exactly two approvals recorded, one job', async () => {
    const h = await createBotHarness({ users: [...demoUsers, ...approvers] });
    const id = (await h.say('alice', 'drain node3')).requestId!;
    const results = await Promise.all(approvers.map((a) => h.click(a.name, 'approve', id)));
    expect(results.filter((r) => r.accepted)).toHaveLength(2);
    await h.idle();
    const done = await h.request(id);
    expect(done.approvals).toHaveLength(2);
    expect(done.state).toBe('succeeded');
    expect(h.audit.entries.filter((e) => e.event === 'job-started')).toHaveLength(1);
    // five clustered VMs on node3, each moved once
    expect(h.cluster.stats().started).toBe(5);
  });

  test('approve and deny racing: one of them wins, never both', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    const [approve, deny] = await Promise.all([h.click('bob', 'approve', id), h.click('carol', 'deny', id, { reason: 'no' })]);
    expect([approve.accepted, deny.accepted].filter(Boolean)).toHaveLength(1);
    await h.idle();
    const state = (await h.request(id)).state;
    expect(state).toBe(approve.accepted ? 'succeeded' : 'denied');
    expect(h.cluster.stats().started).toBe(approve.accepted ? 1 : 0);
  });

  test('two people asking for the same VM at once: one request, the other is told it is busy', async () => {
    const h = await createBotHarness({ users: [...demoUsers, user('amir', 'operator')] });
    const [a, b] = await Promise.all([h.say('alice', 'migrate vm42 to node2'), h.say('amir', 'migrate vm42 to node3')]);
    expect([a.accepted, b.accepted].filter(Boolean)).toHaveLength(1);
    const loser = a.accepted ? 'amir' : 'alice';
    expect(h.lastAnswerTo(loser)).toMatch(/^vm42 is busy with request #1 \(pending\)/);
    expect(await h.store.list()).toHaveLength(1);
  });
});

describe('repeated deliveries', () => {
  test('the same command delivered twice creates one request and one card', async () => {
    const h = await createBotHarness();
    const first = await h.say('alice', 'migrate vm42 to node2', { deliveryId: 'evt-1' });
    const again = await h.say('alice', 'migrate vm42 to node2', { deliveryId: 'evt-1' });
    expect(first.requestId).toBe(1);
    expect(again).toEqual({ accepted: true, duplicate: true });
    expect(await h.store.list()).toHaveLength(1);
    expect(h.chat.messages()).toHaveLength(1);
  });

  test('the same approval delivered twice records one approval and answers once', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'drain node3')).requestId!;
    await h.click('bob', 'approve', id, { deliveryId: 'click-7' });
    const again = await h.click('bob', 'approve', id, { deliveryId: 'click-7' });
    expect(again.duplicate).toBe(true);
    expect(h.chat.privateTo('bob')).toHaveLength(1);
    expect((await h.request(id)).approvals).toHaveLength(1);
  });

  test('a retried delivery arriving concurrently with the original still runs once', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    const results = await Promise.all([1, 2, 3].map(() => h.click('bob', 'approve', id, { deliveryId: 'retry-me' })));
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
    await h.idle();
    expect(h.cluster.stats().started).toBe(1);
  });

  test('different delivery ids are different events', async () => {
    const h = await createBotHarness();
    await h.say('dave', 'nodes', { deliveryId: 'a' });
    await h.say('dave', 'nodes', { deliveryId: 'b' });
    expect(h.chat.messages()).toHaveLength(2);
  });

  test('after the delivery window a reused id is a new event', async () => {
    const h = await createBotHarness({ policy: { deliveryTtlMs: 60_000 } });
    await h.say('dave', 'nodes', { deliveryId: 'x' });
    await h.clock.advance(60_001);
    const later = await h.say('dave', 'nodes', { deliveryId: 'x' });
    expect(later.duplicate).toBeUndefined();
    expect(h.chat.messages()).toHaveLength(2);
  });
});
