/**
 * Block Kit rendering, checked structurally: only valid block types, every Slack limit
 * respected (section 3,000, header 150, 50 blocks, button value 2,000), long inventories
 * split or cut with a note, the text fallback complete and mentions that notify.
 */
import { renderMessage } from '../../../adapters/slack/block-kit.js';
import type { Actor, Block, ChatMessage } from '../../../src/core/chat.js';
import { message } from '../../../src/core/messages.js';
import { completionNotice, requestCard } from '../../../src/core/request-cards.js';
import type { OperationRequest } from '../../../src/core/requests.js';

interface TextObject {
  type: string;
  text: string;
}
/** The parts of a rendered block these tests look at. */
interface Out {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: { type: string; text: string | TextObject; action_id?: string; value?: string; style?: string; confirm?: unknown }[];
}
const textOf = (t: string | TextObject) => (typeof t === 'string' ? t : t.text);
const VALID = new Set(['header', 'section', 'context', 'actions']);
const alice: Actor = { platform: 'slack', id: 'UALICE01', name: 'alice' };
const bob: Actor = { platform: 'slack', id: 'UBOB0001', name: 'bob' };

/** Every limit from the Block Kit reference, checked on any rendered message. */
function expectWithinLimits(blocks: Out[]) {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const b of blocks) {
    expect(VALID.has(b.type)).toBe(true);
    if (b.type === 'header') {
      expect(b.text?.type).toBe('plain_text');
      expect(b.text!.text.length).toBeLessThanOrEqual(150);
    }
    if (b.type === 'section') {
      expect(b.text !== undefined || b.fields !== undefined).toBe(true);
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.fields) {
        expect(b.fields.length).toBeLessThanOrEqual(10);
        for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(2000);
      }
    }
    if (b.type === 'context') for (const e of b.elements ?? []) expect(textOf(e.text).length).toBeLessThanOrEqual(3000);
    if (b.type === 'actions') {
      const elements = b.elements ?? [];
      expect(elements.length).toBeLessThanOrEqual(25);
      const ids = elements.map((e) => e.action_id ?? '');
      expect(new Set(ids).size).toBe(ids.length);
      for (const e of elements) {
        expect(textOf(e.text).length).toBeLessThanOrEqual(75);
        expect((e.value ?? '').length).toBeLessThanOrEqual(2000);
        expect(e.action_id!.length).toBeLessThanOrEqual(255);
      }
    }
  }
}

const render = (blocks: Block[]) => renderMessage(message(blocks)) as { text: string; blocks: Out[] };

const request = (over: Partial<OperationRequest> = {}): OperationRequest => ({
  id: 7,
  cluster: 'prod-a',
  command: 'drain',
  args: { node: 'node1' },
  text: 'drain node1',
  risk: 'disruptive',
  summary: 'Drain node1 (3 VMs)',
  facts: [{ label: 'Node', value: 'node1 is Up', ok: true }],
  holds: ['node:node1'],
  requester: alice,
  where: { platform: 'slack', conversation: 'COPS0001' },
  state: 'pending',
  requiredApprovals: 1,
  approvals: [],
  createdAt: Date.UTC(2026, 0, 1, 9),
  expiresAt: Date.UTC(2026, 0, 1, 9, 30),
  ...over,
});

describe('Block Kit rendering', () => {
  test('header, section, context, fields, progress: one block each, text escaped', () => {
    const out = render([
      { type: 'header', text: 'Nodes of prod-a' },
      { type: 'section', text: 'VM `web<01>` & friends' },
      { type: 'fields', fields: [{ label: 'Target', value: 'node2 is Up', ok: true }, { label: 'Memory', value: '8 GiB short', ok: false }, { label: 'Note', value: 'plain' }] },
      { type: 'progress', percent: 48.4, phase: 'memory copy, pass 2' },
      { type: 'context', text: 'expires in 30 min' },
    ]);
    expectWithinLimits(out.blocks);
    expect(out.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    expect(out.blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'VM `web&lt;01&gt;` &amp; friends' } });
    expect(out.blocks[2]!.fields!.map((f) => f.text)).toEqual(['*Target*\nnode2 is Up ✅', '*Memory*\n8 GiB short ❌', '*Note*\nplain']);
    expect(out.blocks[3]!.text!.text).toBe('`▓▓▓▓▓▓▓▓▓▓░░░░░░░░░░` *48%* memory copy, pass 2');
  });

  test('the text fallback carries every block, so a notification or screen reader gets it all', () => {
    const out = render([
      { type: 'header', text: 'Drain node1' },
      { type: 'fields', fields: [{ label: 'VMs', value: '3' }] },
      { type: 'table', columns: ['VM', 'Plan'], rows: [['web01', 'node2']] },
      { type: 'progress', percent: 100, phase: 'done' },
    ]);
    for (const piece of ['Drain node1', 'VMs: 3', 'web01 | node2', '100% done']) expect(out.text).toContain(piece);
  });

  test('an approval card: Approve (primary, with a confirm dialog for disruptive work) and Deny (danger) carrying the request id', () => {
    const out = renderMessage(requestCard(request(), Date.UTC(2026, 0, 1, 9, 1))) as { text: string; blocks: Out[] };
    expectWithinLimits(out.blocks);
    const actions = out.blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements).toEqual([
      expect.objectContaining({ action_id: 'hyperv:approve:7', value: '7', style: 'primary', confirm: expect.objectContaining({ style: 'danger', title: { type: 'plain_text', text: 'Approve #7?' } }) }),
      expect.objectContaining({ action_id: 'hyperv:deny:7', value: '7', style: 'danger' }),
    ]);
    expect(actions.elements![1]!.confirm).toBeUndefined();
  });

  test('a decided card has no buttons', () => {
    const decided = request({ state: 'denied', denial: { actor: bob, at: Date.UTC(2026, 0, 1, 9, 5) } });
    const out = renderMessage(requestCard(decided, Date.UTC(2026, 0, 1, 9, 6))) as { text: string; blocks: Out[] };
    expect(out.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(out.text).toContain('Denied by @bob at 09:05 UTC');
  });

  test('the completion notice mentions Slack people as <@U…> in blocks and fallback; others by name', () => {
    const teams: Actor = { platform: 'teams', id: 'aad-1', name: 'carol' };
    const r = request({ state: 'succeeded', approvals: [{ actor: bob, at: 1 }, { actor: teams, at: 2 }] });
    const out = renderMessage(completionNotice(r, true, 'node1 is drained', 42_000)) as { text: string; blocks: Out[] };
    expectWithinLimits(out.blocks);
    expect(out.text).toContain('Requested by <@UALICE01>, approved by <@UBOB0001> @carol');
    expect(JSON.stringify(out.blocks)).toContain('Requested by <@UALICE01>, approved by <@UBOB0001> @carol');
  });

  test('a name that looks like markup pings nobody', () => {
    const out = render([{ type: 'section', text: 'VM <!channel> and <@U999>' }]);
    expect(out.text).toBe('VM &lt;!channel&gt; and &lt;@U999&gt;');
  });

  test('a long section is split under 3,000 characters and a long header cut to 150', () => {
    const long = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const out = render([{ type: 'header', text: 'H'.repeat(400) }, { type: 'section', text: long }]);
    expectWithinLimits(out.blocks);
    const sections = out.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(3);
    expect(sections.map((s) => s.text!.text).join('\n')).toBe(long);
  });

  test('a 6,000-row inventory is split into sections and cut with a note, buttons kept', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [`vm${String(i).padStart(4, '0')}`, `node${i % 8}`, 'Running', '8 GiB']);
    const out = render([
      { type: 'header', text: 'VMs' },
      { type: 'table', columns: ['VM', 'Node', 'State', 'Memory'], rows },
      { type: 'buttons', buttons: [{ action: 'cancel', label: 'Cancel', requestId: 3 }] },
    ]);
    expectWithinLimits(out.blocks);
    expect(out.blocks).toHaveLength(50);
    expect(out.blocks.at(-1)!.type).toBe('actions');
    const tables = out.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    for (const t of tables) expect(t.startsWith('```\nVM ')).toBe(true);
    const shown = tables.flatMap((t) => t.split('\n').filter((l) => /^vm\d{4}/.test(l)));
    expect(shown[0]).toMatch(/^vm0000\s+node0\s+Running\s+8 GiB$/);
    expect(tables.at(-1)).toContain(`and ${6000 - shown.length} more of 6000 rows not shown`);
    expect(out.text.length).toBeLessThanOrEqual(40_000);
  });

  test('a short table stays one section, columns aligned', () => {
    const out = render([{ type: 'table', columns: ['Node', 'State'], rows: [['node1', 'Up'], ['node22', 'Paused']] }]);
    expect(out.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '```\nNode    State\nnode1   Up\nnode22  Paused\n```' } }]);
  });

  test('more than ten facts become several field sections; more than 25 buttons several action blocks', () => {
    const facts = Array.from({ length: 23 }, (_, i) => ({ label: `Check ${i}`, value: 'ok', ok: true }));
    const buttons = Array.from({ length: 30 }, (_, i) => ({ action: 'approve' as const, label: `Approve #${i + 1}`, requestId: i + 1 }));
    const out = render([{ type: 'fields', fields: facts }, { type: 'buttons', buttons }]);
    expectWithinLimits(out.blocks);
    expect(out.blocks.filter((b) => b.type === 'section').map((b) => b.fields!.length)).toEqual([10, 10, 3]);
    expect(out.blocks.filter((b) => b.type === 'actions').map((b) => b.elements!.length)).toEqual([25, 5]);
  });

  test('a message without blocks still has its text', () => {
    const bare: ChatMessage = { text: 'just text', blocks: [] };
    expect(renderMessage(bare).text).toBe('just text');
  });
});
