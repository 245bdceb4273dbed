/**
 * Preflight and what-if: a change shows its facts first; a failed check refuses with the
 * reason and creates nothing; --what-if plans without asking anyone and changes nothing.
 */
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

const GiB = 1024;

async function expectRefused(h: BotHarness, text: string, ...words: string[]) {
  const result = await h.say('alice', text);
  expect(result.accepted).toBe(false);
  const answer = h.lastAnswerTo('alice');
  for (const w of words) expect(answer).toContain(w);
  expect(await h.store.list()).toEqual([]);
  expect(h.cluster.stats().started).toBe(0);
  expect(h.audit.entries.filter((e) => e.event === 'requested')).toEqual([]);
  return answer;
}

describe('what-if', () => {
  test('a migration is planned and shown, but no request is created and nothing changes', async () => {
    const h = await createBotHarness();
    const result = await h.say('alice', 'migrate vm42 to node2 --what-if');
    expect(result).toMatchObject({ accepted: true });
    expect(result.requestId).toBeUndefined();
    const plan = h.chat.messages()[0]!.message;
    expect(plan.text).toContain('What-if: Live migration of vm42 (node1 → node2), 8 GiB');
    expect(plan.text).toContain('Memory: node2 has 146 GiB free; vm42 needs 8 GiB ✓');
    expect(plan.text).toContain('Nothing was changed and no request was created');
    expect(plan.blocks.some((b) => b.type === 'buttons')).toBe(false);
    expect(await h.store.list()).toEqual([]);
    expect(h.audit.entries).toEqual([]);
    expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node1');
    // vm42 is not held by a what-if
    expect((await h.say('alice', 'migrate vm42 to node2')).accepted).toBe(true);
  });

  test('a drain is planned VM by VM and the node stays Up', async () => {
    const h = await createBotHarness();
    await h.say('alice', 'drain node3 --what-if');
    const plan = h.chat.messages()[0]!.message;
    expect(plan.text).toContain('What-if: Drain node3');
    expect(plan.text).toMatch(/exchange01 \| 12 GiB \| → node\d \(live\)/);
    expect(plan.text).toMatch(/test-win11 \| 4 GiB \| → node\d \(quick\)/);
    expect((await h.cluster.listNodes()).find((n) => n.name === 'node3')?.state).toBe('Up');
    expect(h.cluster.stats().started).toBe(0);
  });

  test('a what-if whose checks fail is refused like the real thing', async () => {
    const h = await createBotHarness();
    await expectRefused(h, 'migrate vm42 to node1 --what-if', 'vm42 already runs on node1');
  });
});

describe('preflight refusals', () => {
  test('the target node is Paused', async () => {
    const h = await createBotHarness();
    h.cluster.setNodeState('node2', 'Paused');
    const answer = await expectRefused(h, 'migrate vm42 to node2', 'Refused: Live migration of vm42 (node1 → node2), 8 GiB', 'Target: node2 is Paused ✗', 'No request was created.');
    expect(answer).toContain('Clustered: vm42 is clustered ✓');
  });

  test('the target node is Down', async () => {
    const h = await createBotHarness();
    h.cluster.setNodeState('node3', 'Down');
    await expectRefused(h, 'migrate vm42 to node3', 'Target: node3 is Down ✗');
  });

  test('the target has not enough memory', async () => {
    const inventory: ClusterInventory = {
      name: 'small',
      nodes: [
        { name: 'hv1', memoryMB: 64 * GiB, reserveMB: 4 * GiB },
        { name: 'hv2', memoryMB: 24 * GiB, reserveMB: 4 * GiB },
      ],
      vms: [
        { name: 'db01', node: 'hv1', memoryMB: 16 * GiB },
        { name: 'web01', node: 'hv2', memoryMB: 8 * GiB },
      ],
    };
    const h = await createBotHarness({ inventory });
    await expectRefused(h, 'migrate db01 to hv2', 'Memory: hv2 has 12 GiB free; db01 needs 16 GiB ✗');
  });

  test('the VM is already there', async () => {
    const h = await createBotHarness();
    await expectRefused(h, 'migrate vm42 to NODE1', 'Runs on: vm42 already runs on node1 ✗');
  });

  test('an unknown VM suggests the nearest names from the live inventory', async () => {
    const h = await createBotHarness();
    expect(await expectRefused(h, 'migrate vm24 to node2')).toBe('No VM named vm24 on demo; did you mean vm42?');
  });

  test('a quoted name with spaces gets suggestions too', async () => {
    const h = await createBotHarness();
    expect(await expectRefused(h, 'migrate "SQL Server 1" to node2')).toContain('did you mean SQL Server 01');
  });

  test('an unknown node suggests the nodes there are', async () => {
    const h = await createBotHarness();
    expect(await expectRefused(h, 'migrate vm42 to node4')).toBe('No node named node4 on demo; did you mean node1 or node2 or node3?');
  });

  test('live migration of a VM that is off points to quick migration', async () => {
    const h = await createBotHarness();
    await expectRefused(h, 'migrate test-win11 to node1', 'live migration needs a running VM (use quick migrate)');
    expect((await h.say('alice', 'quick migrate test-win11 to node1')).accepted).toBe(true);
  });

  test('a VM that is not a clustered role', async () => {
    const h = await createBotHarness();
    await expectRefused(h, 'migrate lab-scratch to node1', 'Clustered: lab-scratch is not a clustered role ✗');
  });

  test('draining a node that is already Paused', async () => {
    const h = await createBotHarness();
    h.cluster.setNodeState('node2', 'Paused');
    await expectRefused(h, 'drain node2', 'Node: node2 is Paused ✗');
  });

  test('resuming a node that is Up', async () => {
    const h = await createBotHarness();
    await expectRefused(h, 'resume node1', 'Node: node1 is Up ✗');
  });

  test('resume of a paused node, with failback, brings its VMs home', async () => {
    const h = await createBotHarness();
    const drain = (await h.say('alice', 'drain node3')).requestId!;
    await h.click('bob', 'approve', drain);
    await h.click('carol', 'approve', drain);
    await h.idle();
    const id = (await h.say('alice', 'resume node3 with failback')).requestId!;
    await h.click('bob', 'approve', id);
    await h.idle();
    expect((await h.request(id)).job?.summary).toBe('node3 is Up again; its roles are failing back');
    await h.clock.advance(60_000);
    const home = (await h.cluster.listVms({ node: 'node3' })).map((v) => v.name).sort();
    expect(home).toEqual(['build-agent-01', 'exchange01', 'lab-scratch', 'monitoring', 'test-win11', 'web03']);
  });
});
