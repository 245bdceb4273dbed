/**
 * The last-resort guards: a message of more than 3 MiB (a table of 40,000 rows, one 3 MiB
 * section, 20,000 facts, 3,000 blocks) still renders within every platform's limits, and each
 * platform says what it cut and how to narrow the request.
 */
import { renderText } from '../../../adapters/console/render-text.js';
import { renderMessage } from '../../../adapters/slack/block-kit.js';
import { cardActivity, renderCard } from '../../../adapters/teams/adaptive-card.js';
import type { Block, ChatMessage } from '../../../src/core/chat.js';
import { message } from '../../../src/core/messages.js';
import { allProblems } from './platform-checks.js';

const MiB = 1024 * 1024;
const NARROW = '`vms on <node>`, `vms page 2`';

const row = (i: number) => [`vm${String(i).padStart(5, '0')}-with-a-long-descriptive-name`, `node${(i % 64) + 1}`, 'Running', `${(i % 16) + 1} GiB`];

const huge: Record<string, Block[]> = {
  'a table of 40,000 rows': [{ type: 'header', text: '40,000 VMs' }, { type: 'table', columns: ['VM', 'Node', 'State', 'Memory'], rows: Array.from({ length: 40_000 }, (_, i) => row(i)) }],
  'one section of 3 MiB': [{ type: 'section', text: 'x'.repeat(3 * MiB) }],
  'one section of 3 MiB in 60,000 lines': [{ type: 'section', text: Array.from({ length: 60_000 }, (_, i) => `line ${i} ${'y'.repeat(50)}`).join('\n') }],
  '20,000 facts': [{ type: 'fields', fields: Array.from({ length: 20_000 }, (_, i) => ({ label: `fact ${i}`, value: 'z'.repeat(150), ok: i % 2 === 0 })) }],
  '3,000 blocks': Array.from({ length: 3000 }, (_, i): Block => (i % 2 ? { type: 'context', text: `note ${i} ${'c'.repeat(1000)}` } : { type: 'section', text: `part ${i} ${'s'.repeat(1000)}` })),
};

describe.each(Object.entries(huge))('%s', (_name, blocks) => {
  const m: ChatMessage = message(blocks, NARROW);

  test('is over 3 MiB before rendering', () => {
    expect(Buffer.byteLength(JSON.stringify(m), 'utf8')).toBeGreaterThan(3 * MiB);
  });

  test('renders within Slack, Teams and console limits', () => {
    expect(allProblems(m)).toEqual([]);
  });

  test('each platform says what it left out and how to narrow', () => {
    const slack = JSON.stringify(renderMessage(m));
    expect(slack).toMatch(/more (rows|characters|facts|blocks) not shown.*narrow with `vms on &lt;node&gt;`, `vms page 2`/);
    const teams = JSON.stringify(cardActivity(renderCard(m, { actions: false })));
    expect(teams).toMatch(/more (rows?|parts?|characters)[^"]* not shown \(Teams limits a message's size\); narrow with `vms on <node>`, `vms page 2`/);
    expect(renderText(m).join('\n')).toMatch(/more (lines|characters)/);
  });
});

test('the console cut names the hidden lines and the way to narrow', () => {
  const lines = renderText(message(huge['a table of 40,000 rows']!, NARROW));
  expect(lines.at(-1)).toBe(`… ${40_001 + 1 - 39} more lines not shown; narrow with ${NARROW}.`);
});

test('a message that fits is left whole', () => {
  const small = message([{ type: 'header', text: '3 VMs' }, { type: 'table', columns: ['VM'], rows: [['a'], ['b'], ['c']] }], NARROW);
  expect(renderText(small)).toEqual(['3 VMs', '  VM', '  a', '  b', '  c']);
  expect(JSON.stringify(renderCard(small, { actions: false }))).not.toContain('not shown');
  expect(JSON.stringify(renderMessage(small))).not.toContain('not shown');
});
