/**
 * Names and reasons typed by people are shown as written on Teams cards, never as a link, a
 * mention, emphasis or a list: a checkpoint name, a display name, a denial reason, a VM name.
 * Over real HTTP through the real bot, and on the renderer for every block kind.
 */
import type { Actor, Block } from '../../../src/core/chat.js';
import { message } from '../../../src/core/messages.js';
import { renderCard, type AdaptiveCard, type CardElement } from '../../../adapters/teams/adaptive-card.js';
import { alice, bob, carol, channelMention, membersAdded } from './helpers/activities.js';
import { cardOf, startHarness, waitFor, type Harness } from './helpers/harness.js';
import { constructs, shown } from './helpers/markdown-constructs.js';

const HOSTILE = [
  '[approve here](https://evil.example/phish)',
  '<at>bob</at>',
  '**urgent** _now_',
  '1. step one',
  '- item',
  'www.evil.example',
  '&lt;at&gt;carol&lt;/at&gt;',
  '<img src=x onerror=alert(1)>',
  '\\[escaped\\](https://evil.example)',
];

/** Every text Teams reads as Markdown in a card: TextBlocks (tables included) and facts. */
function markdownTexts(card: { body: CardElement[]; actions?: CardElement[] }): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const el = value as Record<string, unknown>;
    if (el.type === 'TextBlock' && typeof el.text === 'string') out.push(el.text);
    if (el.type === 'FactSet') for (const f of el.facts as { title: string; value: string }[]) out.push(f.title, f.value);
    Object.values(el).forEach(walk);
  };
  walk(card.body);
  walk(card.actions ?? []);
  return out;
}

/** Markup the card may carry: the mention tags it declares in msteams.entities, nothing else. */
function expectNothingRendered(card: AdaptiveCard | (Record<string, unknown> & { body: CardElement[] })) {
  const declared = ((card.msteams as { entities?: { text: string }[] } | undefined)?.entities ?? []).map((e) => e.text);
  for (const raw of markdownTexts(card)) {
    const text = declared.reduce((t, tag) => t.split(tag).join(''), raw);
    expect({ text: raw, ...constructs(text) }).toEqual({ text: raw, escaped: [], naive: [] });
  }
}

describe('Teams cards show typed text literally', () => {
  test('every block kind: hostile text is escaped and reads as written', () => {
    const someone: Actor = { platform: 'console', id: 'x', name: HOSTILE[0]! };
    const teamsPerson: Actor = { platform: 'teams', id: 'aad-bob', name: '<at>carol</at> [x](https://evil.example)' };
    for (const hostile of HOSTILE) {
      const blocks: Block[] = [
        { type: 'header', text: `#7 Checkpoint of vm42 ("${hostile}")` },
        { type: 'section', text: hostile },
        { type: 'fields', fields: [{ label: hostile, value: hostile, ok: true }] },
        { type: 'table', columns: [hostile], rows: [[hostile]] },
        { type: 'progress', percent: 10, phase: hostile },
        { type: 'mentions', prefix: hostile, actors: [someone, teamsPerson] },
        { type: 'context', text: `Denied by @bob: ${hostile}` },
        { type: 'buttons', buttons: [{ action: 'approve', label: 'Approve', requestId: 7, confirm: { title: hostile, text: hostile, confirm: 'Approve', deny: 'Back' } }] },
      ];
      const card = renderCard(message(blocks), { actions: true });
      expectNothingRendered(card);
      const texts = markdownTexts(card).map(shown);
      expect(texts).toContain(hostile);
      expect(texts.some((t) => t.includes(`Checkpoint of vm42 ("${hostile}")`))).toBe(true);
      expect(card.msteams.entities).toEqual([{ type: 'mention', text: expect.stringMatching(/^<at>.*<\/at>$/), mentioned: { id: 'aad-bob', name: teamsPerson.name } }]);
    }
  });

  describe('over HTTP', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
      await h.send(membersAdded(h.capture.url, [alice, bob, carol]));
    });
    afterEach(() => h.close());

    test('a hostile checkpoint name, display name and denial reason appear on the approval card as text', async () => {
      const requester = { ...alice, name: '<at>bob</at> [approve](https://evil.example)' };
      const post = channelMention(h.capture.url, requester, 'checkpoint vm42 [approve here](https://evil.example/phish) **urgent** _now_');
      await h.send(post);
      await waitFor(() => h.capture.delivered().length === 1, 'the approval card');
      const posted = cardOf(h.capture.delivered()[0]!.body);
      expectNothingRendered(posted);
      expect(markdownTexts(posted).map(shown).join('\n')).toContain('[approve here](https://evil.example/phish) **urgent** _now_');

      await h.send(channelMention(h.capture.url, carol, 'deny 1 see [the runbook](https://evil.example/x) <b>now</b>'));
      await waitFor(() => h.capture.delivered().some((r) => r.method === 'PUT'), 'the updated card');
      await h.teams.settled();
      for (const sent of h.capture.delivered()) {
        const card = cardOf(sent.body);
        expectNothingRendered(card);
      }
      const updated = cardOf(h.capture.delivered().filter((r) => r.method === 'PUT').at(-1)!.body);
      expect(markdownTexts(updated).map(shown).join('\n')).toContain('see [the runbook](https://evil.example/x) <b>now</b>');
    });
  });
});
