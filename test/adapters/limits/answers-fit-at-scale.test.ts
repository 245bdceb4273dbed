/**
 * At Windows Server's limits (64 nodes, 8,000 VMs) every answer the bot gives — reads, what-ifs,
 * approval cards, progress, completion — fits Slack, Teams and a console screen, as checked
 * against each platform's documented limits; and large lists answer with a summary or a page.
 */
import { scaleInventory } from '../../../src/cluster/simulator/scale-inventory.js';
import type { ChatMessage } from '../../../src/core/chat.js';
import { createBotHarness, type BotHarness } from '../../support/bot-harness.js';
import { allProblems } from './platform-checks.js';

let h: BotHarness;

beforeAll(async () => {
  h = await createBotHarness({ inventory: scaleInventory({ nodes: 64, vms: 8000 }) });
  // Nodes leaving and coming back: forty-odd events for `events` to page through.
  for (let i = 2; i <= 45; i++) {
    const node = `node${String(i).padStart(2, '0')}`;
    h.cluster.setNodeState(node, 'Down');
    h.cluster.setNodeState(node, 'Up');
  }
});

async function answer(text: string, who = 'alice'): Promise<ChatMessage[]> {
  const before = h.chat.log.length;
  await h.say(who, text);
  await h.idle();
  return h.chat.log.slice(before).map((s) => s.message);
}

const READS = [
  'vms', 'vms off', 'vms running', 'vms on node07', 'vms on node07 page 5', 'vms matching sql*', 'vms saved on node07',
  'vms page 320', 'nodes', 'nodes page 3', 'volumes', 'events', 'events page 2', 'help', 'help vms', 'vm sql0003',
  'migrate web0001 to best --what-if', 'drain node07 --what-if', 'validate',
];

test.each(READS)('`%s` at 64 nodes / 8,000 VMs fits every platform', async (text) => {
  const sent = await answer(text);
  expect(sent.length).toBeGreaterThan(0);
  for (const m of sent) expect(allProblems(m)).toEqual([]);
});

test('a request, its approval, progress and completion fit every platform', async () => {
  const sent = [...(await answer('migrate web0001 to best')), ...(await answer('approve 1', 'bob'))];
  expect(sent.length).toBeGreaterThan(3);
  for (const m of sent) expect(allProblems(m)).toEqual([]);
  expect((await h.request(1)).state).toBe('succeeded');
  for (const text of ['jobs', 'audit', 'audit page 1', 'drain node09']) {
    for (const m of await answer(text)) expect(allProblems(m)).toEqual([]);
  }
});

test('`vms` on 8,000 VMs is a summary: counts by state and node, memory, what needs attention, how to narrow', async () => {
  const [m] = await answer('vms');
  expect(m!.text).toContain('8,000 VMs on scale');
  expect(m!.text).toMatch(/7,\d{3} running, 1\d\d off, \d+ saved, \d+ paused/);
  expect(m!.text).toMatch(/Memory in use by running and paused VMs: [\d,]+ GiB of [\d,]+ GiB on 64 nodes/);
  expect(m!.text).toContain('node64 125');
  expect(m!.text).toMatch(/1\d\d off: \S+, .* and 1\d\d more \(all: `vms off`\)/);
  expect(m!.text).toContain('`vms on node01`');
  expect(m!.blocks.some((b) => b.type === 'table')).toBe(false);
});

test('the placement ranking shows the top five with their reasons, then counts the rest', async () => {
  const [m] = await answer('migrate web0001 to best --what-if');
  const table = m!.blocks.find((b) => b.type === 'table');
  expect(table?.type === 'table' && table.rows.length).toBe(5);
  expect(m!.text).toContain('…and 58 more nodes: 58 could take it with less free memory, 0 cannot.');
});
