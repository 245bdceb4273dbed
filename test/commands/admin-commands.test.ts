/**
 * The new commands' specs in the bot: risk that depends on the arguments (`stop` / `stop --force`,
 * `validate` / `validate --include storage`) decides approvals, `to best` records the node it chose,
 * access by role, and help for each.
 */
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createBotHarness } from '../support/bot-harness.js';

const GiB = 1024;

const allOff: ClusterInventory = {
  name: 'demo',
  nodes: [{ name: 'node1', memoryMB: 64 * GiB }, { name: 'node2', memoryMB: 64 * GiB }],
  vms: [{ name: 'app01', node: 'node1', memoryMB: 4 * GiB, state: 'Off' }],
  volumes: [{ name: 'Volume1', node: 'node1', sizeGB: 100, freeGB: 50 }, { name: 'Volume2', node: 'node2', sizeGB: 100, freeGB: 50 }],
};

describe('risk follows the arguments', () => {
  test('stop is a change with one approval; stop --force and turn off are disruptive with two', async () => {
    const h = await createBotHarness();
    const stop = (await h.say('alice', 'stop web01')).requestId!;
    const force = (await h.say('alice', 'stop web02 --force')).requestId!;
    const off = (await h.say('alice', 'turn off web03')).requestId!;
    expect(await h.request(stop)).toMatchObject({ command: 'stop', risk: 'change', requiredApprovals: 1 });
    expect(await h.request(force)).toMatchObject({ command: 'turn off', risk: 'disruptive', requiredApprovals: 2, args: { vm: 'web02', force: true } });
    expect(await h.request(off)).toMatchObject({ command: 'turn off', risk: 'disruptive', requiredApprovals: 2 });
  });

  test('validate answers at once and creates no request; --include storage is a disruptive request', async () => {
    const h = await createBotHarness({ inventory: allOff });
    expect((await h.say('dave', 'validate')).requestId).toBeUndefined();
    expect(await h.store.list()).toEqual([]);
    const id = (await h.say('alice', 'validate --include storage')).requestId!;
    expect(await h.request(id)).toMatchObject({ command: 'validate storage', risk: 'disruptive', requiredApprovals: 2, holds: ['cluster:validation', 'volume:Volume1', 'volume:Volume2'] });
    expect((await h.say('alice', 'validate storage')).accepted).toBe(false);
    expect(h.lastAnswerTo('alice')).toContain('is busy with request #1');
  });

  test('a viewer may validate but not stop a VM', async () => {
    const h = await createBotHarness();
    expect((await h.say('dave', 'validate')).accepted).toBe(true);
    expect((await h.say('dave', 'stop web01')).accepted).toBe(false);
    expect(h.lastAnswerTo('dave')).toMatch(/operator/);
  });

  test('the volumes are offline while the storage tests run, and online again after', async () => {
    const h = await createBotHarness({ inventory: allOff, autoClock: false });
    const id = (await h.say('alice', 'validate --include storage')).requestId!;
    await h.click('bob', 'approve', id);
    await h.click('carol', 'approve', id);
    await h.advanceUntil(async () => (await h.cluster.listVolumes()).every((v) => v.state === 'Offline'), 1000);
    await h.runUntilIdle(5000);
    expect((await h.cluster.listVolumes()).map((v) => v.state)).toEqual(['Online', 'Online']);
    expect((await h.request(id)).state).toBe('succeeded');
  });
});

describe('migrate to best records the node it chose', () => {
  test('the request is for that node; if it can no longer take the VM, the job fails rather than pick another', async () => {
    const h = await createBotHarness();
    const id = (await h.say('alice', 'migrate vm42 to best')).requestId!;
    expect((await h.request(id)).args).toEqual({ vm: 'vm42', node: 'node3', type: 'live' });
    h.cluster.setNodeState('node3', 'Paused');
    await h.click('bob', 'approve', id);
    await h.idle();
    const done = await h.request(id);
    expect(done.state).toBe('failed');
    expect(done.job?.summary).toContain('node3 is paused');
    expect((await h.cluster.getVm('vm42'))?.ownerNode).toBe('node1');
  });

  test('a node that is really named best is a node, not the ranking', async () => {
    const h = await createBotHarness({ inventory: { ...allOff, nodes: [...allOff.nodes, { name: 'best', memoryMB: 64 * GiB }] } });
    await h.cluster.startVm('app01');
    const id = (await h.say('alice', 'migrate app01 to best')).requestId!;
    expect((await h.request(id)).summary).toBe('Live migration of app01 (node1 → best), 4 GiB');
    expect((await h.request(id)).args).toMatchObject({ node: 'best' });
  });
});

describe('help', () => {
  test.each([
    ['validate', 'read-only'],
    ['validate storage', 'disruptive'],
    ['move volume', 'disruptive'],
    ['stop', 'changes the cluster'],
    ['turn off', 'disruptive'],
    ['restart', 'disruptive'],
    ['start', 'changes the cluster'],
    ['checkpoint', 'changes the cluster'],
    ['checkpoints', 'read-only'],
    ['events', 'read-only'],
  ])('help %s says its risk: %s', async (name, risk) => {
    const h = await createBotHarness();
    await h.say('dave', `help ${name}`);
    const last = h.chat.messages().at(-1)!.message;
    expect(last.blocks[0]).toEqual({ type: 'header', text: name });
    expect(last.text).toMatch(new RegExp(`Risk: ${risk}`));
  });
});
