/**
 * A drain of 125 VMs (one node of a 64-node, 8,000-VM cluster) in chat: a handful of messages,
 * one progress message edited in place whose board fits Slack and Teams, failures in the thread,
 * and a summary that says how many moved, how long it took against the lower bound, and who stayed.
 */
import { renderMessage } from '../../adapters/slack/block-kit.js';
import { BLOCK_KIT_LIMITS } from '../../adapters/slack/limits.js';
import { cardActivity, renderCard } from '../../adapters/teams/adaptive-card.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import type { ChatMessage } from '../../src/core/chat.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

const GiB = 1024;
/** Microsoft documents about 28 KB for a bot message; the drain's messages keep a margin under it. */
const TEAMS_ACTIVITY_BUDGET = 24 * 1024;

function oneNodeOf125(): ClusterInventory {
  const sizes = [16, 12, 8, 8, 6, 4, 4, 2];
  return {
    name: 'big',
    nodes: ['hv01', 'hv02', 'hv03', 'hv04'].map((name) => ({ name, memoryMB: 2048 * GiB, reserveMB: 8 * GiB, liveMigrationLimit: 2 })),
    vms: Array.from({ length: 125 }, (_, i) => ({ name: `app-${String(i + 1).padStart(3, '0')}`, node: 'hv01', memoryMB: sizes[i % sizes.length]! * GiB, dirtyMBps: 40 })),
  };
}

async function drain(h: BotHarness, node: string): Promise<number> {
  const id = (await h.say('alice', `drain ${node}`)).requestId!;
  await h.click('bob', 'approve', id);
  await h.click('carol', 'approve', id);
  await h.idle();
  return id;
}

function expectFits(message: ChatMessage): void {
  const slack = renderMessage(message);
  expect(slack.blocks.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.blocksPerMessage);
  for (const block of slack.blocks) {
    if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(BLOCK_KIT_LIMITS.sectionText);
  }
  const bytes = Buffer.byteLength(JSON.stringify(cardActivity(renderCard(message, { actions: true }))));
  expect(bytes).toBeLessThan(TEAMS_ACTIVITY_BUDGET);
}

describe('a drain of 125 VMs', () => {
  test('posts at most a dozen messages; the board is edited in place and every version fits Slack and Teams', async () => {
    const h = await createBotHarness({ inventory: oneNodeOf125() });
    const id = await drain(h, 'hv01');
    const r = await h.request(id);
    expect(r.state).toBe('succeeded');
    expect(await h.cluster.listVms({ node: 'hv01' })).toEqual([]);

    const sent = h.chat.log.filter((s) => s.kind !== 'update');
    expect(sent.length).toBeLessThanOrEqual(12);
    const thread = h.chat.threadOf(r.cardRef!).map((s) => s.message.text);
    expect(thread.filter((t) => t.includes('waiting for a live-migration slot'))).toEqual([]);

    const progress = r.job!.progressRef!;
    const edits = h.chat.updatesOf(progress.messageId);
    expect(edits.length).toBeGreaterThan(5);
    for (const edit of edits) expectFits(edit.message);
    // While it ran, a summarised board: the counts, then the VMs moving now with their percent.
    const midway = edits.map((e) => e.message.text).find((t) => /Moved [1-9]\d of 125 · moving 2 · queued \d+/.test(t));
    expect(midway).toBeDefined();
    expect(midway!.match(/^app-\d{3} \| hv0[234] \| moving \d+%$/gm)).toHaveLength(2);
    expect(midway).not.toMatch(/\| queued$/m);
    expect(h.chat.textOf(progress.messageId)).toContain('Moved 125 of 125 · moving 0 · queued 0');

    const notice = h.chat.threadOf(r.cardRef!).at(-1)!.message.text;
    expect(notice).toMatch(/hv01 is drained: paused with no roles; 125 VMs moved in \d+ min( \d+ s)?, 1\.0\d× the lower bound of \d+ min/);
  });

  test('the approval card names the largest VMs and counts the rest; the console prints the card once', async () => {
    const h = await createBotHarness({ inventory: oneNodeOf125() });
    const id = (await h.say('alice', 'drain hv01')).requestId!;
    const card = h.chat.messages()[0]!.message;
    expectFits(card);
    const table = card.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(10);
    expect(card.text).toMatch(/…and 115 more VMs \(largest first\): \d+ → hv0\d, \d+ → hv0\d/);
    await h.click('bob', 'approve', id);
    expect((await h.request(id)).state).toBe('pending');
  });

  test('failures are each in the thread, the board shows them, and the summary names who stayed and why', async () => {
    const h = await createBotHarness({ inventory: oneNodeOf125() });
    const failing = ['app-003', 'app-050', 'app-051', 'app-052', 'app-053', 'app-054', 'app-055', 'app-056', 'app-057', 'app-058', 'app-059'];
    for (const vm of failing) h.cluster.injectFailure({ kind: 'network-drop', vm, atPercent: 40 });
    const id = await drain(h, 'hv01');
    const r = await h.request(id);
    expect(r.state).toBe('failed');
    const thread = h.chat.threadOf(r.cardRef!).map((s) => s.message.text);
    expect(thread.filter((t) => t.startsWith('✗ '))).toHaveLength(failing.length);
    const board = h.chat.textOf(r.job!.progressRef!.messageId);
    expect(board).toContain(`Moved 114 of 125 · moving 0 · queued 0 · failed ${failing.length}`);
    expect(board.match(/\| failed: the network between hv01 and hv0\d dropped/g)).toHaveLength(8);
    expect(board).toContain('…and 3 more failed; each is in the thread.');
    for (const edit of h.chat.updatesOf(r.job!.progressRef!.messageId)) expectFits(edit.message);
    expect(r.job!.summary).toMatch(/^hv01 is paused but 11 VMs are still on it: app-003 \(the network between hv01 and hv0\d dropped .*\) and 6 more; 114 of 125 moved in /);
  });
});
