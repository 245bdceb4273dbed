/**
 * @module slack/block-kit: a neutral ChatMessage as Block Kit, with the whole message as
 * the `text` fallback (notifications, screen readers). Every Slack limit is respected:
 * long text is split, long tables are split or cut with a note, never rejected by Slack.
 */
import type { types as slack } from '@slack/bolt';
import type { Block, Button, ChatMessage, Fact } from '../../src/core/chat.js';
import { assertNever } from '../../src/core/assert-never.js';
import { bar } from '../../src/core/format.js';
import { mentionParts, textOf } from '../../src/core/messages.js';
import { renderTable } from './block-kit-table.js';
import { BLOCK_KIT_LIMITS as L, MESSAGE_TEXT_LIMIT } from './limits.js';
import { escapeText, mention, splitText, truncate } from './mrkdwn.js';

export interface SlackMessage {
  text: string;
  blocks: slack.KnownBlock[];
}

/** The action_id prefix of our buttons; the inbound side listens for exactly these. */
export const ACTION_PREFIX = 'hyperv';

/** The longest "narrow with …" hint a cut note quotes (the table keeps room for it). */
const NARROW_MAX = 200;

export function renderMessage(message: ChatMessage): SlackMessage {
  const blocks: slack.KnownBlock[] = [];
  const narrow = escapeText(truncate(message.narrow ?? 'a narrower command', NARROW_MAX));
  message.blocks.forEach((block, i) => {
    const laterBlocks = message.blocks.length - i - 1;
    const budget = Math.max(1, L.blocksPerMessage - blocks.length - laterBlocks);
    blocks.push(...renderBlock(block, budget, narrow));
  });
  return { text: fallbackText(message), blocks: capBlocks(blocks, narrow) };
}

/** The full message as mrkdwn text; mentions as `<@U…>` so the people are notified. */
export function fallbackText(message: ChatMessage): string {
  const lines = message.blocks.length
    ? message.blocks.map((b) => (b.type === 'mentions' ? mentionLine(b) : escapeText(textOf([b]))))
    : [escapeText(message.text)];
  const text = lines.filter((l) => l.length > 0).join('\n');
  if (text.length <= MESSAGE_TEXT_LIMIT) return text;
  const note = `\n… ${text.length - MESSAGE_TEXT_LIMIT} more characters not shown; narrow with ${escapeText(truncate(message.narrow ?? 'a narrower command', NARROW_MAX))}.`;
  return truncate(text, MESSAGE_TEXT_LIMIT - note.length) + note;
}

function renderBlock(b: Block, budget: number, narrow: string): slack.KnownBlock[] {
  switch (b.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: truncate(b.text, L.headerText) || ' ', emoji: true } }];
    case 'section':
      return sections(escapeText(b.text), budget, narrow);
    case 'context':
      return [context(escapeText(b.text))];
    case 'fields':
      return fieldSections(b.fields, budget, narrow);
    case 'table':
      return renderTable(b.columns, b.rows, budget, narrow);
    case 'progress':
      return sections(`\`${bar(b.percent, 20)}\` *${Math.round(b.percent)}%* ${escapeText(b.phase)}`, budget);
    case 'buttons':
      return actionBlocks(b.buttons);
    case 'mentions':
      return sections(mentionLine(b), budget);
    default:
      return assertNever(b);
  }
}

function mentionLine(b: Extract<Block, { type: 'mentions' }>): string {
  return mentionParts(b).map((p) => mentionPart(p.prefix, p.actors)).join(', ');
}

function mentionPart(prefix: string, actors: Extract<Block, { type: 'mentions' }>['actors']): string {
  const seen = new Set<string>();
  const people = actors.filter((a) => !seen.has(`${a.platform}:${a.id}`) && seen.add(`${a.platform}:${a.id}`));
  return [escapeText(prefix), ...people.map(mention)].filter((s) => s.length > 0).join(' ');
}

function sections(text: string, budget: number, narrow = 'a narrower command'): slack.KnownBlock[] {
  const pieces = splitText(text || ' ', L.sectionText);
  const kept = pieces.slice(0, Math.max(1, budget));
  const out: slack.KnownBlock[] = kept.map((piece): slack.SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text: piece } }));
  if (kept.length < pieces.length) {
    const last = kept.length - 1;
    const rest = pieces.slice(kept.length).reduce((n, p) => n + p.length, 0);
    const note = `\n_… ${rest} more characters not shown (Slack’s limits); narrow with ${narrow}._`;
    out[last] = { type: 'section', text: { type: 'mrkdwn', text: truncate(kept[last] ?? '', L.sectionText - note.length) + note } };
  }
  return out;
}

function context(text: string): slack.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text || ' ', L.contextText) }] };
}

function fieldText(f: Fact): string {
  const mark = f.ok === true ? ' ✅' : f.ok === false ? ' ❌' : '';
  return truncate(`*${escapeText(f.label)}*\n${escapeText(f.value)}${mark}`, L.fieldText);
}

function fieldSections(facts: readonly Fact[], budget: number, narrow: string): slack.KnownBlock[] {
  const out: slack.SectionBlock[] = [];
  for (let i = 0; i < facts.length; i += L.sectionFields) {
    out.push({ type: 'section', fields: facts.slice(i, i + L.sectionFields).map((f) => ({ type: 'mrkdwn', text: fieldText(f) })) });
  }
  if (out.length <= budget) return out;
  const shown = Math.max(1, budget - 1);
  return [...out.slice(0, shown), context(`… ${facts.length - shown * L.sectionFields} more facts not shown; narrow with ${narrow}.`)];
}

function actionBlocks(buttons: readonly Button[]): slack.ActionsBlock[] {
  const out: slack.ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += L.actionsElements) {
    const group = buttons.slice(i, i + L.actionsElements);
    out.push({ type: 'actions', block_id: `${ACTION_PREFIX}:buttons:${group[0]?.requestId ?? 0}:${i}`, elements: group.map(button) });
  }
  return out;
}

function button(b: Button): slack.Button {
  const value = String(b.requestId);
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}:${b.action}:${b.requestId}`,
    value: value.slice(0, L.buttonValue),
    text: { type: 'plain_text', text: truncate(b.label, L.buttonText), emoji: true },
    ...(b.style ? { style: b.style } : {}),
    ...(b.confirm
      ? {
          confirm: {
            title: { type: 'plain_text', text: truncate(b.confirm.title, L.confirmTitle) },
            text: { type: 'plain_text', text: truncate(b.confirm.text, L.confirmText) },
            confirm: { type: 'plain_text', text: truncate(b.confirm.confirm, L.confirmButton) },
            deny: { type: 'plain_text', text: truncate(b.confirm.deny, L.confirmButton) },
            // The dialog exists only for disruptive actions: it warns.
            style: 'danger',
          },
        }
      : {}),
  };
}

/** Last resort: never more than 50 blocks, and the buttons are never the ones dropped. */
function capBlocks(blocks: slack.KnownBlock[], narrow: string): slack.KnownBlock[] {
  if (blocks.length <= L.blocksPerMessage) return blocks;
  const actions = blocks.filter((b) => b.type === 'actions');
  const rest = blocks.filter((b) => b.type !== 'actions');
  const keep = L.blocksPerMessage - 1 - actions.length;
  return [...rest.slice(0, keep), context(`… ${rest.length - keep} more blocks not shown (Slack allows ${L.blocksPerMessage}); narrow with ${narrow}.`), ...actions];
}
