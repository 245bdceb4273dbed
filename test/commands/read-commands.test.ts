/** The read commands answer at once from the live inventory and the request store. */
import type { Block, ChatMessage } from '../../src/core/chat.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

async function answer(h: BotHarness, text: string, who = 'dave'): Promise<ChatMessage> {
  const result = await h.say(who, text);
  expect(result.accepted).toBe(true);
  const last = h.chat.messages().at(-1)!;
  expect(last.postOptions?.visibleTo).toBeUndefined();
  return last.message;
}

function table(msg: ChatMessage): { columns: string[]; rows: string[][] } {
  const t = msg.blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
  if (!t) throw new Error(`no table in: ${msg.text}`);
  return t;
}

function facts(msg: ChatMessage): Record<string, string> {
  const f = msg.blocks.find((b): b is Extract<Block, { type: 'fields' }> => b.type === 'fields');
  return Object.fromEntries((f?.fields ?? []).map((x) => [x.label, x.value]));
}

describe('vms', () => {
  test('lists every VM of the cluster with node, state and memory, in natural order', async () => {
    const h = await createBotHarness();
    const msg = await answer(h, 'vms');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: '16 VMs on demo' });
    const { columns, rows } = table(msg);
    expect(columns).toEqual(['VM', 'Node', 'State', 'Memory']);
    expect(rows).toHaveLength(16);
    expect(rows).toContainEqual(['vm42', 'node1', 'Running', '8 GiB']);
    expect(rows).toContainEqual(['test-win11', 'node3', 'Off', '4 GiB']);
    const names = rows.map((r) => r[0]!);
    expect(names.indexOf('web02')).toBeLessThan(names.indexOf('web03'));
    expect([names[0], names.at(-1)]).toEqual(['app01', 'web03']);
  });

  test('vms on node2 lists only that node, whatever the case typed', async () => {
    const h = await createBotHarness();
    const msg = await answer(h, 'vms on NODE2');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: '5 VMs on node2 on demo' });
    expect(table(msg).rows.map((r) => r[0])).toEqual(['app02', 'dc02', 'file01', 'SQL Server 02', 'web02']);
    expect(table(msg).rows.every((r) => r[1] === 'node2')).toBe(true);
  });

  test('vms reflect a migration that happened', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node3')).requestId!;
    await h.click('bob', 'approve', id);
    await h.idle();
    expect(table(await answer(h, 'vms on node3')).rows.map((r) => r[0])).toContain('vm42');
    expect(table(await answer(h, 'vms on node1')).rows.map((r) => r[0])).not.toContain('vm42');
  });

  test('vms on an unknown node suggests the real ones', async () => {
    const h = await createBotHarness();
    expect((await h.say('dave', 'vms on nod2')).accepted).toBe(false);
    expect(h.lastAnswerTo('dave')).toBe('No node named nod2 on demo; did you mean node2?');
  });
});

describe('vm', () => {
  test('shows one VM with its facts; a quoted name with spaces works', async () => {
    const h = await createBotHarness();
    const msg = await answer(h, 'vm "sql server 01"');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: 'SQL Server 01 on demo' });
    expect(facts(msg)).toMatchObject({ Node: 'node1', State: 'Running', Memory: '16 GiB', Clustered: 'yes' });
    expect(facts(msg).Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(facts(await answer(h, 'show lab-scratch')).Clustered).toBe('no');
  });

  test('says when a request or job holds the VM', async () => {
    const h = await createBotHarness();
    expect(facts(await answer(h, 'vm vm42')).Busy).toBeUndefined();
    await h.say('alice', 'migrate vm42 to node2');
    expect(facts(await answer(h, 'vm vm42')).Busy).toBe('#1 Live migration of vm42 (node1 → node2), 8 GiB (pending)');
  });

  test('an unknown VM gets suggestions', async () => {
    const h = await createBotHarness();
    await h.say('dave', 'vm web04');
    expect(h.lastAnswerTo('dave')).toBe('No VM named web04 on demo; did you mean web01 or web02 or web03?');
  });
});

describe('nodes and volumes', () => {
  test('nodes: state, drain status, free memory, VM count and live-migration limit', async () => {
    const h = await createBotHarness();
    h.cluster.setNodeState('node3', 'Paused');
    const msg = await answer(h, 'nodes');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: '3 nodes in demo' });
    const { columns, rows } = table(msg);
    expect(columns).toEqual(['Node', 'State', 'Drain', 'Free memory', 'VMs', 'Live migrations', 'Performance']);
    expect(rows[0]).toEqual(['node1', 'Up', 'NotInitiated', '144 GiB of 192 GiB', '5', '2 at a time', 'Compression']);
    expect(rows[2]?.slice(0, 2)).toEqual(['node3', 'Paused']);
    expect(rows[2]?.[4]).toBe('6');
  });

  test('volumes: owner, state, free space and path', async () => {
    const h = await createBotHarness();
    const msg = await answer(h, 'csv');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: '2 Cluster Shared Volumes in demo' });
    expect(table(msg).rows).toEqual([
      ['Volume1', 'node1', 'Online', '0.79 of 2.00 TiB', 'C:\\ClusterStorage\\Volume1', 'direct'],
      ['Volume2', 'node2', 'Online', '2.59 of 4.00 TiB', 'C:\\ClusterStorage\\Volume2', 'direct'],
    ]);
  });

  test('volumes: one unit per table, GiB when every volume is under a TiB', async () => {
    const h = await createBotHarness({
      inventory: { ...demoInventory, volumes: [{ name: 'Small', node: 'node1', sizeGB: 500, freeGB: 120.25 }, { name: 'Tiny', node: 'node2', sizeGB: 64, freeGB: 8 }] },
    });
    expect(table(await answer(h, 'volumes')).rows.map((r) => r[3])).toEqual(['120.3 of 500.0 GiB', '8.0 of 64.0 GiB']);
  });
});

describe('jobs and job', () => {
  test('jobs with nothing yet says so', async () => {
    const h = await createBotHarness();
    expect((await answer(h, 'jobs')).text).toBe('No requests or jobs yet.');
  });

  test('jobs lists the active ones first, then the finished, with state and progress', async () => {
    const h = await createBotHarness();
    const done = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    await h.click('bob', 'approve', done);
    await h.idle();
    const denied = (await h.say('alice', 'migrate app01 to node3')).requestId!;
    await h.click('bob', 'deny', denied);
    const pending = (await h.say('alice', 'drain node3')).requestId!;
    const rows = table(await answer(h, 'requests')).rows;
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      [`#${pending}`, 'pending', 'alice'],
      [`#${denied}`, 'denied', 'alice'],
      [`#${done}`, 'succeeded', 'alice'],
    ]);
    expect(rows[2]?.[4]).toBe('100% done');
  });

  test('job shows who asked, who approved, progress and outcome', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    await h.click('carol', 'approve', id);
    await h.idle();
    const msg = await answer(h, `job #${id}`);
    expect(msg.blocks[0]).toEqual({ type: 'header', text: `#${id} Live migration of vm42 (node1 → node2), 8 GiB` });
    expect(facts(msg)).toMatchObject({
      State: 'succeeded', Command: 'migrate vm42 to node2', Cluster: 'demo', Requested: 'alice at 09:00 UTC',
      Approvals: 'carol at 09:00 UTC', Progress: '100% done', From: 'node1', To: 'node2',
    });
    expect(facts(msg).Outcome).toMatch(/^vm42 is running on node2 \(live migration, downtime \d+ ms\)$/);
  });

  test('job of a denied request shows the denial and its reason', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to node2')).requestId!;
    await h.say('bob', `deny ${id} wait for the backup`);
    expect(facts(await answer(h, `job ${id}`))).toMatchObject({ State: 'denied', Approvals: 'none of 1', Denied: 'bob: wait for the backup' });
  });

  test('an unknown job is answered plainly', async () => {
    const h = await createBotHarness();
    await h.say('dave', 'job 42');
    expect(h.lastAnswerTo('dave')).toBe('No job named #42.');
  });
});
