/**
 * Long lists narrow and page: `vms` by node, state and name; `nodes`, `jobs`, `audit` and
 * `events` a page at a time, each page naming the command for the next, which works when typed.
 */
import { scaleInventory } from '../../src/cluster/simulator/scale-inventory.js';
import { createMemoryAuditLog } from '../../src/store/audit-file.js';
import type { Block, ChatMessage } from '../../src/core/chat.js';
import { createBotHarness, type BotHarness } from '../support/bot-harness.js';

/** The answer posted to the command (not a job's progress posted meanwhile). */
async function answer(h: BotHarness, text: string, who = 'dave'): Promise<ChatMessage> {
  const before = h.chat.log.length;
  await h.say(who, text);
  const posted = h.chat.log.slice(before).find((s) => s.kind === 'post');
  if (!posted) throw new Error(`no answer to ${text}`);
  return posted.message;
}

function rows(msg: ChatMessage): string[][] {
  const t = msg.blocks.find((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
  if (!t) throw new Error(`no table in: ${msg.text}`);
  return t.rows;
}

/** The command a page's footer offers for the next page. */
function next(msg: ChatMessage): string {
  const found = /next: `([^`]+)`/.exec(msg.text);
  if (!found) throw new Error(`no next page in: ${msg.text}`);
  return found[1]!;
}

describe('vms narrows on the demo cluster', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness();
  });

  test('by state: `vms off` lists the VM that is off', async () => {
    const msg = await answer(h, 'vms off');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: '1 VM off on demo' });
    expect(rows(msg)).toEqual([['test-win11', 'node3', 'Off', '4 GiB']]);
  });

  test('by name, a glob, whatever the case: `vms matching sql*`', async () => {
    const msg = await answer(h, 'vms matching sql*');
    expect(rows(msg).map((r) => r[0])).toEqual(['SQL Server 01', 'SQL Server 02']);
  });

  test('a name without a wildcard matches anywhere in the name', async () => {
    expect(rows(await answer(h, 'vms matching web')).map((r) => r[0])).toEqual(['web01', 'web02', 'web03']);
  });

  test('combined: running VMs on node3 matching web*', async () => {
    const msg = await answer(h, 'vms running on node3 matching web*');
    expect(msg.text).toContain('1 VM running matching web* on node3 on demo');
    expect(rows(msg)).toEqual([['web03', 'node3', 'Running', '4 GiB']]);
  });

  test('nothing matching says so plainly', async () => {
    expect((await answer(h, 'vms saved on node1')).text).toBe('No VMs saved on node1 on demo.');
  });

  test('a page past the last is refused, naming how many there are', async () => {
    expect((await answer(h, 'vms page 2')).text).toBe('There is only one page, not page 2; `vms page 1` shows the first.');
  });
});

describe('pages on 16 nodes / 1,000 VMs', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ inventory: scaleInventory({ nodes: 16, vms: 1000 }) });
  });

  test('`vms on node03` pages 63 VMs 25 at a time, and the next-page command works as typed', async () => {
    const first = await answer(h, 'vms on node03');
    expect(first.blocks[0]).toEqual({ type: 'header', text: '63 VMs on node03 on scale (page 1 of 3)' });
    expect(rows(first)).toHaveLength(25);
    expect(next(first)).toBe('vms on node03 page 2');
    const second = await answer(h, next(first));
    expect(second.text).toContain('Page 2 of 3 (26–50 of 63)');
    const third = await answer(h, next(second));
    expect(rows(third)).toHaveLength(13);
    expect(third.text).toContain('the first page: `vms on node03 page 1`');
    const all = [first, second, third].flatMap(rows).map((r) => r[0]);
    expect(new Set(all).size).toBe(63);
  });

  test('`vms` is a summary with the VMs that need attention, and `vms page 1` the table', async () => {
    const summary = await answer(h, 'vms');
    expect(summary.text).toContain('1,000 VMs on scale: a summary');
    expect(summary.text).toMatch(/\d+ off: .*\(all: `vms off`\)/);
    expect(summary.blocks.some((b) => b.type === 'table')).toBe(false);
    const page = await answer(h, 'vms page 1');
    expect(rows(page)).toHaveLength(25);
    expect(next(page)).toBe('vms page 2');
  });

  test('`jobs` pages its requests; `audit` shows the newest first, a page of 20 at a time', async () => {
    for (let i = 1; i <= 32; i++) expect((await h.say('alice', `quick migrate web${String(i * 8 - 7).padStart(4, '0')} to node15`)).accepted).toBe(true);
    const jobs = await answer(h, 'jobs');
    expect(jobs.text).toContain('Requests and jobs: 32 active (page 1 of 2)');
    expect(rows(await answer(h, next(jobs)))).toHaveLength(7);
    const audit = await answer(h, 'audit');
    expect(audit.text).toContain('Audit: the last 20 (page 1 of 2, newest first)');
    expect(rows(audit).at(-1)![4]).toBe('`quick migrate web0249 to node15`');
    const older = await answer(h, next(audit));
    expect(rows(older)).toHaveLength(12);
    expect(rows(older)[0]![4]).toBe('`quick migrate web0001 to node15`');
  });
});

describe('nodes', () => {
  test('64 nodes: a summary of states and memory over the first page of 25', async () => {
    const h = await createBotHarness({ inventory: scaleInventory({ nodes: 64, vms: 640 }) });
    h.cluster.setNodeState('node09', 'Paused');
    const msg = await answer(h, 'nodes');
    expect(msg.text).toContain('64 nodes in scale (page 1 of 3)');
    expect(msg.text).toContain('63 Up, 1 Paused (node09).');
    expect(rows(msg)).toHaveLength(25);
    expect(rows(await answer(h, next(msg))).map((r) => r[0])[0]).toBe('node26');
  });

  test('a node the bot is draining shows the bot’s drain, not Windows’ NotInitiated', async () => {
    const h = await createBotHarness({ autoClock: false });
    await h.say('alice', 'drain node1');
    await h.click('bob', 'approve', 1);
    await h.click('carol', 'approve', 1);
    await h.advanceUntil(async () => (await h.request(1)).state === 'running');
    const node1 = rows(await answer(h, 'nodes')).find((r) => r[0] === 'node1')!;
    expect(node1[2]).toMatch(/^draining: #1, \d+%$/);
    await h.runUntilIdle();
    expect(rows(await answer(h, 'nodes')).find((r) => r[0] === 'node1')![2]).not.toMatch(/draining/);
  });
});

describe('audit', () => {
  test('shows a request as it was typed, and an older entry without the typed text in words, not raw values', async () => {
    const audit = createMemoryAuditLog();
    await audit.append({ at: '2026-11-25T08:00:00.000Z', event: 'requested', requestId: 90, cluster: 'demo', command: 'resume', args: { node: 'node1', failback: false }, actor: { platform: 'test', id: 'alice', name: 'alice' } });
    const h = await createBotHarness({ audit });
    h.cluster.setNodeState('node2', 'Paused');
    await h.say('alice', 'resume   node2 with failback');
    const shown = rows(await answer(h, 'audit'));
    expect(shown.map((r) => r[4])).toEqual(['resume node1', '`resume   node2 with failback`']);
    expect(shown.map((r) => r[4]).join(' ')).not.toContain('false');
  });
});
