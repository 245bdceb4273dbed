/**
 * Jobs on the simulated cluster: the per-node live-migration limit, one operation per VM,
 * failures reported where people look, cancelling a running migration.
 */
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

const GiB = 1024;

/** Asks for a change as alice and has bob approve it. */
async function approved(h: BotHarness, text: string): Promise<number> {
  const asked = await h.say('alice', text);
  expect(asked).toMatchObject({ accepted: true });
  expect((await h.click('bob', 'approve', asked.requestId!)).accepted).toBe(true);
  return asked.requestId!;
}

async function threadText(h: BotHarness, id: number): Promise<string[]> {
  return h.chat.threadOf((await h.request(id)).cardRef!).map((s) => s.message.text);
}

describe('the per-node live-migration limit', () => {
  test('five moves off node1 at once: never more than two per node, the rest say they queue', async () => {
    const h = await createBotHarness();
    const moves = ['vm42 to node2', '"SQL Server 01" to node3', 'dc01 to node2', 'web01 to node3', 'app01 to node2'];
    const ids: number[] = [];
    for (const m of moves) ids.push((await h.say('alice', `migrate ${m}`)).requestId!);
    await Promise.all(ids.map((id) => h.click('bob', 'approve', id)));
    await h.idle();

    const stats = h.cluster.stats();
    expect(stats.maxConcurrentMigrations.node1).toBe(2);
    for (const node of ['node2', 'node3']) expect(stats.maxConcurrentMigrations[node] ?? 0).toBeLessThanOrEqual(2);
    expect(stats.succeeded).toBe(5);
    const queued: string[] = [];
    for (const id of ids) {
      expect((await h.request(id)).state).toBe('succeeded');
      queued.push(...(await threadText(h, id)).filter((t) => t.includes('waiting for a live-migration slot on node1')));
    }
    expect(queued.length).toBeGreaterThanOrEqual(3);
    expect(queued[0]).toMatch(/^⏸ \S.*: waiting for a live-migration slot on node1/);
  });

  test('each node keeps its own limit (1, 2 and 3)', async () => {
    const inventory: ClusterInventory = {
      name: 'limits',
      nodes: [
        { name: 'hv1', memoryMB: 128 * GiB, liveMigrationLimit: 3 },
        { name: 'hv2', memoryMB: 128 * GiB, liveMigrationLimit: 1 },
        { name: 'hv3', memoryMB: 128 * GiB, liveMigrationLimit: 2 },
      ],
      vms: Array.from({ length: 8 }, (_, i) => ({ name: `vm${i + 1}`, node: 'hv1', memoryMB: 4 * GiB, dirtyMBps: 30 })),
    };
    const h = await createBotHarness({ inventory });
    const ids: number[] = [];
    for (let i = 1; i <= 8; i++) ids.push((await h.say('alice', `migrate vm${i} to ${i % 2 ? 'hv2' : 'hv3'}`)).requestId!);
    await Promise.all(ids.map((id) => h.click('bob', 'approve', id)));
    await h.idle();
    const max = h.cluster.stats().maxConcurrentMigrations;
    expect(max.hv1).toBeLessThanOrEqual(3);
    expect(max.hv2).toBe(1);
    expect(max.hv3).toBeLessThanOrEqual(2);
    expect(h.cluster.stats().succeeded).toBe(8);
  });
});

describe('one operation per VM', () => {
  test('a VM with a pending request is busy', async () => {
    const h = await createBotHarness();
    await h.say('alice', 'migrate vm42 to node2');
    expect((await h.say('alice', 'migrate vm42 to node3')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toBe('vm42 is busy with request #1 (pending).');
    expect((await h.say('alice', 'drain node1')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toBe('vm42 is busy with request #1 (pending).');
    expect(await h.store.list()).toHaveLength(1);
  });

  test('a VM being migrated is busy with its job, and free again when it ends', async () => {
    const h = await createBotHarness({ autoClock: false });
    await approved(h, 'migrate vm42 to node2');
    await h.advanceUntil(async () => (await h.request(1)).state === 'running');
    expect((await h.say('alice', 'migrate VM42 to node3')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toBe('vm42 is busy with job #1 (running).');
    await h.runUntilIdle();
    expect((await h.say('alice', 'migrate vm42 to node3')).accepted).toBe(true);
  });
});

describe('a failure mid-migration', () => {
  test('is reported in the thread and the channel, the job fails, the VM still runs on the source', async () => {
    const h = await createBotHarness({ policy: { pollMs: 200 } });
    h.cluster.injectFailure({ kind: 'network-drop', vm: 'vm42', atPercent: 40 });
    const id = await approved(h, 'migrate vm42 to node2');
    await h.idle();

    const r = await h.request(id);
    expect(r.state).toBe('failed');
    expect(r.job?.summary).toMatch(/^the network between node1 and node2 dropped during the memory copy .*; vm42 is still running on node1$/);
    const notice = h.chat.threadOf(r.cardRef!).at(-1)!;
    expect(notice.replyOptions?.broadcast).toBe(true);
    expect(notice.message.text).toContain(`❌ #${id} the network between node1 and node2 dropped`);
    expect(h.chat.textOf(r.cardRef!.messageId)).toContain('failed: the network between node1 and node2 dropped');
    expect(await h.cluster.getVm('vm42')).toMatchObject({ ownerNode: 'node1', state: 'Running' });
    expect(h.audit.entries.at(-1)).toMatchObject({ event: 'job-failed', requestId: id });
  });

  test('the target going down is told as such', async () => {
    const h = await createBotHarness();
    h.cluster.injectFailure({ kind: 'node-down', node: 'node2', atPercent: 60 });
    const id = await approved(h, 'migrate vm42 to node2');
    await h.idle();
    expect((await h.request(id)).job?.summary).toMatch(/^node2 went down .*; vm42 is still running on node1$/);
    expect((await h.cluster.listNodes()).find((n) => n.name === 'node2')?.state).toBe('Down');
  });
});

describe('cancelling a running migration', () => {
  async function runningInMemoryCopy(h: BotHarness) {
    const id = await approved(h, 'migrate vm42 to node2');
    await h.advanceUntil(() => h.cluster.migrations().some((m) => m.phase === 'memory-copy'));
    return id;
  }

  test('the requester cancels during the memory copy: the VM stays on the source, the job is cancelled', async () => {
    const h = await createBotHarness({ autoClock: false });
    const id = await runningInMemoryCopy(h);
    expect((await h.say('alice', `cancel ${id}`)).accepted).toBe(true);
    expect(h.lastAnswerTo('alice')).toBe(`Stopping #${id}; the thread will say how it ends.`);
    await h.runUntilIdle();
    const r = await h.request(id);
    expect(r.state).toBe('cancelled');
    expect(r.cancellation?.actor.name).toBe('alice');
    expect(await h.cluster.getVm('vm42')).toMatchObject({ ownerNode: 'node1', state: 'Running' });
    expect(h.cluster.stats().cancelled).toBe(1);
    const notice = h.chat.threadOf(r.cardRef!).at(-1)!;
    expect(notice.message.text).toMatch(new RegExp(`^⏹ #${id} the live migration of vm42 to node2 was cancelled; vm42 is still running on node1`));
    expect(h.audit.entries.map((e) => e.event)).toContain('job-cancelled');
  });

  test('an approver may stop a running job; a viewer may not', async () => {
    const h = await createBotHarness({ autoClock: false });
    const id = await runningInMemoryCopy(h);
    expect((await h.click('dave', 'cancel', id)).accepted).toBe(false);
    expect((await h.click('carol', 'cancel', id)).accepted).toBe(true);
    await h.runUntilIdle();
    expect((await h.request(id)).state).toBe('cancelled');
  });

  test('a cancel during the blackout comes too late: the move completes and the job says it succeeded', async () => {
    const h = await createBotHarness({ autoClock: false, policy: { pollMs: 50 } });
    const id = await approved(h, 'migrate vm42 to node2');
    await h.advanceUntil(() => h.cluster.migrations().some((m) => m.phase === 'blackout'), 10);
    await h.say('alice', `cancel ${id}`);
    await h.runUntilIdle(50);
    const r = await h.request(id);
    expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node2');
    expect(r.state).toBe('succeeded');
    expect(h.chat.threadOf(r.cardRef!).map((s) => s.message.text).join('\n')).toContain('can no longer be cancelled');
  });
});
