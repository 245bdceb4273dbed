/**
 * Every kind of message the bot sends, rendered as an Adaptive Card and checked by
 * structure: the request card in each state, progress, the completion notice, answers
 * with facts and tables, plain notes. Messages come from the core's own builders.
 */
import type { Actor, Block, ChatMessage } from '../../../src/core/chat.js';
import { message, plain } from '../../../src/core/messages.js';
import { completionNotice, progressCard, requestCard } from '../../../src/core/request-cards.js';
import type { OperationRequest, RequestState } from '../../../src/core/requests.js';
import { cardActivity, renderCard, type AdaptiveCard, type CardElement } from '../../../adapters/teams/adaptive-card.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const teamsActor = (name: string): Actor => ({ platform: 'teams', id: `aad-${name}`, name });

function request(state: RequestState, risk: OperationRequest['risk'] = 'change'): OperationRequest {
  const bob = { actor: teamsActor('bob'), at: T0 + 60_000 };
  return {
    id: 7,
    cluster: 'prod-a',
    command: 'migrate',
    args: { vm: 'vm42', node: 'node2' },
    text: 'migrate vm42 to node2',
    risk,
    summary: 'Live migration of vm42 (node1 → node2), 8 GiB',
    facts: [
      { label: 'Target', value: 'node2 is Up', ok: true },
      { label: 'Memory', value: 'node2 has 3 GiB free; vm42 needs 8 GiB', ok: false },
      { label: 'Owner', value: 'node1' },
    ],
    holds: ['vm:vm42'],
    requester: teamsActor('alice'),
    where: { platform: 'teams', conversation: '19:c@thread.tacv2', thread: '1' },
    state,
    requiredApprovals: risk === 'disruptive' ? 2 : 1,
    approvals: ['approved', 'running', 'succeeded', 'failed'].includes(state) ? [bob] : [],
    ...(state === 'denied' ? { denial: { ...bob, reason: 'change freeze' } } : {}),
    ...(state === 'cancelled' ? { cancellation: { actor: teamsActor('alice'), at: T0 + 120_000 } } : {}),
    createdAt: T0,
    expiresAt: T0 + 30 * 60_000,
    ...(['running', 'succeeded', 'failed'].includes(state) ? { job: { startedAt: T0 + 61_000, finishedAt: T0 + 99_000, percent: 100, phase: 'done', summary: 'vm42 is running on node2' } } : {}),
  };
}

const texts = (card: { body: CardElement[] }) => card.body.filter((e) => e.type === 'TextBlock').map((e) => e.text);
const elementTypes = (card: AdaptiveCard) => card.body.map((e) => e.type);
const shared = (m: ChatMessage) => renderCard(m, { actions: false });

function expectCardBasics(card: AdaptiveCard, m: ChatMessage) {
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(card.fallbackText).toBe(m.text);
  expect(card.msteams.width).toBe('Full');
  expect(card.body.every((e) => e.type !== 'TextBlock' || e.wrap === true)).toBe(true);
}

describe('Adaptive Card rendering', () => {
  test('a pending request: header, who asked, facts with their checks, state; buttons only in the approvers view', () => {
    const m = requestCard(request('pending'), T0);
    const everyone = renderCard(m, { actions: false, refresh: { requestId: 7, userIds: ['29:bob', '29:carol'] } });
    expectCardBasics(everyone, m);
    expect(elementTypes(everyone)).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'TextBlock']);
    expect(everyone.body[0]).toMatchObject({ text: '#7 Live migration of vm42 (node1 → node2), 8 GiB', size: 'Medium', weight: 'Bolder' });
    expect(everyone.body[1]).toMatchObject({ isSubtle: true, size: 'Small' });
    expect(everyone.body[2]!.facts).toEqual([
      { title: 'Target', value: 'node2 is Up ✓' },
      { title: 'Memory', value: 'node2 has 3 GiB free; vm42 needs 8 GiB ✗' },
      { title: 'Owner', value: 'node1' },
    ]);
    expect(texts(everyone).at(-1)).toMatch(/Needs one approval from someone other than @alice/);
    expect(everyone.actions).toBeUndefined();
    expect(everyone.refresh).toEqual({ action: { type: 'Action.Execute', title: 'Refresh', verb: 'refresh', data: { requestId: 7 } }, userIds: ['29:bob', '29:carol'] });

    const approvers = renderCard(m, { actions: true });
    expect(approvers.actions).toEqual([
      { type: 'Action.Execute', title: 'Approve', verb: 'approve', data: { requestId: 7 }, style: 'positive' },
      { type: 'Action.Execute', title: 'Deny', verb: 'deny', data: { requestId: 7 }, style: 'destructive' },
    ]);
  });

  test('a disruptive request asks to confirm: Approve opens a ShowCard whose Execute approves', () => {
    const m = requestCard(request('pending', 'disruptive'), T0);
    const [approve, deny] = renderCard(m, { actions: true }).actions!;
    expect(approve).toMatchObject({ type: 'Action.ShowCard', title: 'Approve' });
    const inner = (approve as { card: AdaptiveCard }).card;
    expect(texts(inner)).toEqual(['Approve #7?', 'Live migration of vm42 (node1 → node2), 8 GiB. This is disruptive.']);
    expect(inner.actions).toEqual([{ type: 'Action.Execute', title: 'Approve', verb: 'approve', data: { requestId: 7 }, style: 'positive' }]);
    expect(deny).toMatchObject({ type: 'Action.Execute', verb: 'deny' });
  });

  test.each([
    ['approved', /Approved by @bob · starting/],
    ['running', /running, progress in the thread/],
    ['succeeded', /Approved by @bob · done at 09:01 UTC/],
    ['failed', /failed: vm42 is running on node2/],
    ['denied', /Denied by @bob at 09:01 UTC: change freeze/],
    ['cancelled', /Cancelled by @alice at 09:02 UTC/],
    ['expired', /Expired at 09:30 UTC/],
  ] as const)('a %s request shows its state and has no actions, even in the approvers view', (state, line) => {
    const m = requestCard(request(state), T0 + 100_000);
    const card = renderCard(m, { actions: true });
    expectCardBasics(card, m);
    expect(texts(card).at(-1)).toMatch(line);
    expect(card.actions).toBeUndefined();
    expect(card.refresh).toBeUndefined();
  });

  test('progress: the phase with a bar and the percentage, in monospace', () => {
    const m = progressCard(request('running'), 48, 'memory copy, pass 1');
    const card = shared(m);
    expectCardBasics(card, m);
    expect(card.body[1]).toEqual({ type: 'TextBlock', text: '▓▓▓▓▓░░░░░ 48% memory copy, pass 1', wrap: true, fontType: 'Monospace' });
  });

  test('completion: requester and approvers as real Teams mentions; people from elsewhere as plain names', () => {
    const r = request('succeeded');
    r.approvals.push({ actor: { platform: 'console', id: 'carol', name: 'carol' }, at: T0 });
    const m = completionNotice(r, true, 'vm42 is running on node2', 38_000);
    const card = shared(m);
    expectCardBasics(card, m);
    expect(texts(card)).toEqual(['✅ #7 vm42 is running on node2 · took 38 s', 'Requested by <at>alice</at>, approved by <at>bob</at> @carol']);
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>alice</at>', mentioned: { id: 'aad-alice', name: 'alice' } },
      { type: 'mention', text: '<at>bob</at>', mentioned: { id: 'aad-bob', name: 'bob' } },
    ]);
  });

  test('a table (help, vms, nodes) becomes a Table with a bold header row', () => {
    const m = message([
      { type: 'header', text: 'What I can do' },
      { type: 'table', columns: ['Command', 'What it does'], rows: [['vms', 'List the VMs'], ['nodes']] },
    ]);
    const table = shared(m).body[1]!;
    expect(table).toMatchObject({ type: 'Table', firstRowAsHeader: true, columns: [{ width: 1 }, { width: 1 }] });
    const rows = (table.rows as { cells: { items: { text: string; weight?: string }[] }[] }[]).map((row) => row.cells.map((c) => c.items[0]!));
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([['Command', 'What it does'], ['vms', 'List the VMs'], ['nodes', '']]);
    expect(rows[0]!.every((c) => c.weight === 'Bolder')).toBe(true);
  });

  test('a plain note is one wrapped TextBlock; the activity carries the card and a one-line summary', () => {
    const m = plain('Approved #7.\nThe job starts now.');
    const activity = cardActivity(shared(m));
    expect(activity.type).toBe('message');
    expect(activity.summary).toBe('Approved #7.');
    expect(activity.attachments).toHaveLength(1);
    expect(activity.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(activity.attachments[0]!.content.body).toEqual([{ type: 'TextBlock', text: 'Approved #7.\nThe job starts now.', wrap: true }]);
  });

  test('every neutral block type renders to something, or to the actions (buttons)', () => {
    const blocks: Block[] = [
      { type: 'header', text: 'h' },
      { type: 'section', text: 's' },
      { type: 'fields', fields: [{ label: 'a', value: 'b' }] },
      { type: 'table', columns: ['c'], rows: [['r']] },
      { type: 'progress', percent: 10, phase: 'p' },
      { type: 'buttons', buttons: [{ action: 'cancel', label: 'Cancel', requestId: 3 }] },
      { type: 'mentions', prefix: 'by', actors: [teamsActor('bob')] },
      { type: 'context', text: 'c' },
    ];
    const card = renderCard(message(blocks), { actions: true });
    expect(elementTypes(card)).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'Table', 'TextBlock', 'TextBlock', 'TextBlock']);
    expect(card.actions).toEqual([{ type: 'Action.Execute', title: 'Cancel', verb: 'cancel', data: { requestId: 3 } }]);
  });
});
