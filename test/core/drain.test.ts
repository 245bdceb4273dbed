/**
 * Drains on the simulated cluster: the node ends Paused and empty of cluster roles, each VM
 * is reported, the summary names the outcome, and the per-node limit holds throughout.
 */
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

const GiB = 1024;

async function drainApproved(h: BotHarness, node: string): Promise<number> {
  const id = (await h.say('alice', `drain ${node}`)).requestId!;
  await h.click('bob', 'approve', id);
  await h.click('carol', 'approve', id);
  return id;
}

describe('drain', () => {
  test('ends with the node Paused and no clustered VM on it; each VM is on the board; the summary is posted', async () => {
    const h = await createBotHarness();
    const before = await h.cluster.listVms({ node: 'node3' });
    const clustered = before.filter((v) => v.clustered).map((v) => v.name);
    expect(clustered).toHaveLength(5);
    const id = await drainApproved(h, 'node3');
    await h.idle();

    const node3 = (await h.cluster.listNodes()).find((n) => n.name === 'node3')!;
    expect(node3.state).toBe('Paused');
    const left = await h.cluster.listVms({ node: 'node3' });
    expect(left.map((v) => v.name)).toEqual(['lab-scratch']);

    const r = await h.request(id);
    expect(r.state).toBe('succeeded');
    const thread = h.chat.threadOf(r.cardRef!).map((s) => s.message.text);
    expect(thread[0]).toBe('node3 is paused; no new roles will be placed on it.');
    // One progress message, edited in place, holds every VM: where it went, how, how long.
    const board = h.chat.textOf(r.job!.progressRef!.messageId);
    expect(board).toContain('Moved 5 of 5 · moving 0 · queued 0');
    for (const vm of clustered) {
      const now = await h.cluster.getVm(vm);
      expect(board).toMatch(new RegExp(`^${vm} \\| ${now!.ownerNode} \\| moved \\((live|quick), [\\d.]+ (s|ms)\\)$`, 'm'));
    }
    expect(board).toMatch(/^test-win11 \| node\d \| moved \(quick,/m);
    expect(thread.filter((t) => t.startsWith('✓ '))).toEqual([]);
    const notice = h.chat.threadOf(r.cardRef!).at(-1)!;
    expect(notice.replyOptions?.broadcast).toBe(true);
    expect(notice.message.text).toMatch(new RegExp(`✅ #${id} node3 is drained: paused with no roles; 5 VMs moved in [\\d.]+ (s|min)[^,]*, [\\d.]+× the lower bound of [\\d.]+ (s|min)[^(]*\\(2 at a time\\)`));
    expect(notice.message.text).toContain('Requested by @alice, approved by @bob @carol');
  });

  test('the per-node limit holds while draining, and is used', async () => {
    const h = await createBotHarness();
    await drainApproved(h, 'node1');
    await h.idle();
    const max = h.cluster.stats().maxConcurrentMigrations;
    expect(max.node1).toBe(2);
    expect(max.node2 ?? 0).toBeLessThanOrEqual(2);
    expect(max.node3 ?? 0).toBeLessThanOrEqual(2);
    expect(await h.cluster.listVms({ node: 'node1' })).toEqual([]);
  });

  test('a node whose limit is 1 is drained one VM at a time', async () => {
    const inventory: ClusterInventory = {
      name: 'narrow',
      nodes: [
        { name: 'hv1', memoryMB: 64 * GiB, liveMigrationLimit: 1 },
        { name: 'hv2', memoryMB: 64 * GiB, liveMigrationLimit: 4 },
        { name: 'hv3', memoryMB: 64 * GiB, liveMigrationLimit: 4 },
      ],
      vms: Array.from({ length: 4 }, (_, i) => ({ name: `vm${i + 1}`, node: 'hv1', memoryMB: 4 * GiB })),
    };
    const h = await createBotHarness({ inventory });
    const id = await drainApproved(h, 'hv1');
    await h.idle();
    expect(h.cluster.stats().maxConcurrentMigrations.hv1).toBe(1);
    expect((await h.request(id)).state).toBe('succeeded');
    // Waiting for a slot is a "queued" row on the board, never a message per VM.
    const thread = h.chat.threadOf((await h.request(id)).cardRef!).map((s) => s.message.text);
    expect(thread.filter((t) => t.includes('waiting for a live-migration slot'))).toEqual([]);
    const queuedOnBoard = h.chat.updatesOf((await h.request(id)).job!.progressRef!.messageId).map((u) => u.message.text);
    expect(queuedOnBoard.some((t) => /^vm\d \| hv[23] \| queued$/m.test(t))).toBe(true);
  });

  test('a VM that fails to move is reported, and the drain fails naming what is left', async () => {
    const h = await createBotHarness();
    h.cluster.injectFailure({ kind: 'network-drop', vm: 'exchange01', atPercent: 30 });
    const id = await drainApproved(h, 'node3');
    await h.idle();
    const r = await h.request(id);
    expect(r.state).toBe('failed');
    expect(r.job?.summary).toMatch(/^node3 is paused but 1 VM is still on it: exchange01 \(the network between node3 and node\d dropped during the memory copy .*\); 4 of 5 moved in /);
    const thread = h.chat.threadOf(r.cardRef!).map((s) => s.message.text);
    expect(thread.find((t) => t.startsWith('✗ exchange01'))).toMatch(/^✗ exchange01 → node\d: the network between node3 and node\d dropped/);
    expect(h.chat.textOf(r.job!.progressRef!.messageId)).toContain('Moved 4 of 5 · moving 0 · queued 0 · failed 1');
    expect((await h.cluster.getVm('exchange01'))?.ownerNode).toBe('node3');
  });

  test('preflight shows the plan: every VM with its destination, and the VMs that stay', async () => {
    const h = await createBotHarness();
    await h.say('alice', 'drain node3');
    const card = h.chat.messages()[0]!.message;
    const table = card.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' ? table.rows.map((r) => r[0]) : []).toEqual(['exchange01', 'monitoring', 'test-win11', 'web03', 'build-agent-01']);
    expect(card.text).toContain('Capacity: every VM fits on the other nodes ✓');
    expect(card.text).toContain('lab-scratch will stay on node3');
    expect(card.text).toContain('Needs 2 approvals from someone other than @alice');
  });

  test('the approval card keeps the drain plan when it is updated', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'drain node3')).requestId!;
    const plan = h.chat.messages()[0]!.message.blocks.find((b) => b.type === 'table');
    expect(plan).toBeDefined();
    await h.click('bob', 'approve', id);
    const card = (await h.request(id)).cardRef!;
    const updated = h.chat.updatesOf(card.messageId).at(-1)!.message;
    expect(updated.text).toContain('approved by @bob, 1 of 2');
    expect(updated.blocks.find((b) => b.type === 'table')).toEqual(plan);
    expect(updated.text).toMatch(/exchange01 \| 12 GiB \| → node[12] \(live\)/);
  });

  test('a drain whose VMs do not fit elsewhere is refused before any request', async () => {
    const inventory: ClusterInventory = {
      name: 'tight',
      nodes: [
        { name: 'hv1', memoryMB: 64 * GiB, reserveMB: 4 * GiB },
        { name: 'hv2', memoryMB: 32 * GiB, reserveMB: 4 * GiB },
      ],
      vms: [
        { name: 'big', node: 'hv1', memoryMB: 40 * GiB },
        { name: 'small', node: 'hv2', memoryMB: 4 * GiB },
      ],
    };
    const h = await createBotHarness({ inventory });
    expect((await h.say('alice', 'drain hv1')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toContain('Capacity: no room for big (40 GiB) ✗');
    expect(await h.store.list()).toEqual([]);
    expect((await h.cluster.listNodes())[0]!.state).toBe('Up');
  });

  test('a cancelled drain stops moving VMs, marks them on the board, and ends cancelled', async () => {
    const h = await createBotHarness({ autoClock: false });
    const id = await drainApproved(h, 'node1');
    await h.advanceUntil(() => h.cluster.migrations().some((m) => m.phase === 'memory-copy'));
    expect((await h.say('alice', `cancel ${id}`)).accepted).toBe(true);
    await h.runUntilIdle();
    const r = await h.request(id);
    expect(r.state).toBe('cancelled');
    const thread = h.chat.threadOf(r.cardRef!).map((s) => s.message.text);
    expect(thread.filter((t) => t.startsWith('✗ '))).toEqual([]);
    const board = h.chat.textOf(r.job!.progressRef!.messageId);
    expect(board).toMatch(/ · cancelled [3-9]/);
    expect((board.match(/ \| cancelled$/gm) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(h.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
    expect((await h.cluster.listVms({ node: 'node1' })).length).toBeGreaterThanOrEqual(3);
  });
});
