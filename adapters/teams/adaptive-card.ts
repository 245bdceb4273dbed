/**
 * @module teams/adaptive-card: a neutral ChatMessage as an Adaptive Card (schema 1.5, what
 * Teams supports for Universal Actions). Facts become a FactSet, tables a Table, progress a
 * bar in text, buttons Action.Execute (behind an Action.ShowCard when they ask to confirm),
 * mentions real Teams mention entities; `fallbackText` always carries the whole text. Every
 * text from the core is shown literally (card-text): only the mentions built here are markup.
 */
import type { Actor, Block, Button, ChatMessage } from '../../src/core/chat.js';
import { bar } from '../../src/core/format.js';
import { mentionParts } from '../../src/core/messages.js';
import { assertNever } from '../../src/core/assert-never.js';
import { fitCard } from './card-budget.js';
import { literal } from './card-text.js';
import { TEAMS_PLATFORM, UNIVERSAL_ACTIONS } from './constants.js';

export type CardElement = Record<string, unknown>;

export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  fallbackText: string;
  body: CardElement[];
  actions?: CardElement[];
  refresh?: { action: CardElement; userIds: string[] };
  msteams: { width: 'Full'; entities?: MentionEntity[] };
}

export interface CardView {
  /** Render the buttons (approvers' view); false shows the request and its state only. */
  actions: boolean;
  /** Ask Teams to refresh the card for these users (MRIs), to give them their own view. */
  refresh?: { requestId: number; userIds: readonly string[] };
}

export function renderCard(message: ChatMessage, view: CardView): AdaptiveCard {
  const entities: MentionEntity[] = [];
  const body = message.blocks.flatMap((b) => renderBlock(b, entities));
  const buttons = message.blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: UNIVERSAL_ACTIONS.schema,
    version: UNIVERSAL_ACTIONS.schemaVersion,
    fallbackText: message.text,
    body,
    msteams: { width: 'Full', ...(entities.length ? { entities } : {}) },
  };
  if (view.actions && buttons.length) card.actions = buttons.map(renderButton);
  if (view.refresh) {
    card.refresh = {
      action: { type: 'Action.Execute', title: 'Refresh', verb: UNIVERSAL_ACTIONS.refreshVerb, data: { requestId: view.refresh.requestId } },
      userIds: view.refresh.userIds.slice(0, UNIVERSAL_ACTIONS.maxRefreshUsers),
    };
  }
  return fitCard(card, message.narrow);
}

/** The Bot Framework message activity that carries a card. */
export function cardActivity(card: AdaptiveCard): { type: 'message'; summary: string; attachments: { contentType: string; content: AdaptiveCard }[] } {
  const summary = card.fallbackText.split('\n')[0]?.slice(0, 200) ?? '';
  return { type: 'message', summary, attachments: [{ contentType: UNIVERSAL_ACTIONS.cardContentType, content: card }] };
}

/** A TextBlock showing `value` as written. */
const text = (value: string, extra: CardElement = {}): CardElement => markup(literal(value), extra);
/** A TextBlock whose text is already markup this adapter built (mentions). */
const markup = (value: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

function renderBlock(b: Block, entities: MentionEntity[]): CardElement[] {
  switch (b.type) {
    case 'header':
      return [text(b.text, { size: 'Medium', weight: 'Bolder' })];
    case 'section':
      return [text(b.text)];
    case 'context':
      return [text(b.text, { isSubtle: true, size: 'Small', spacing: 'Small' })];
    case 'fields':
      return [{ type: 'FactSet', facts: b.fields.map((f) => ({ title: literal(f.label), value: `${literal(f.value)}${f.ok === true ? ' ✓' : f.ok === false ? ' ✗' : ''}` })) }];
    case 'table':
      return [renderTable(b.columns, b.rows)];
    case 'progress':
      return [text(`${bar(b.percent)} ${Math.round(b.percent)}% ${b.phase}`, { fontType: 'Monospace' })];
    case 'buttons':
      return []; // rendered as the card's actions
    case 'mentions':
      return [markup(mentionParts(b).map((p) => `${literal(p.prefix)} ${p.actors.map((a) => mention(a, entities)).join(' ')}`.trim()).join(', '), { isSubtle: true })];
    default:
      return assertNever(b);
  }
}

/**
 * A card mention of a Teams user by Microsoft Entra object id, which notifies them
 * (msteams-docs cards-format.md, "Microsoft Entra Object ID and UPN in user mention").
 */
function mention(actor: Actor, entities: MentionEntity[]): string {
  if (actor.platform !== TEAMS_PLATFORM || !actor.id || actor.id.startsWith('unverified:')) return `@${literal(actor.name)}`;
  // The entity's text must match the tag exactly; the name inside stays literal too.
  const tag = `<at>${literal(actor.name)}</at>`;
  if (!entities.some((e) => e.mentioned.id === actor.id)) entities.push({ type: 'mention', text: tag, mentioned: { id: actor.id, name: actor.name } });
  return tag;
}

function renderTable(columns: string[], rows: string[][]): CardElement {
  const row = (cells: string[], header: boolean): CardElement => ({
    type: 'TableRow',
    cells: columns.map((_, i) => ({ type: 'TableCell', items: [text(cells[i] ?? '', header ? { weight: 'Bolder' } : {})] })),
  });
  return {
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: false,
    columns: columns.map(() => ({ width: 1 })),
    rows: [row(columns, true), ...rows.map((r) => row(r, false))],
  };
}

function renderButton(button: Button): CardElement {
  const execute = (title: string): CardElement => ({
    type: 'Action.Execute',
    title,
    verb: button.action,
    data: { requestId: button.requestId },
    ...(button.style ? { style: button.style === 'primary' ? 'positive' : 'destructive' } : {}),
  });
  if (!button.confirm) return execute(button.label);
  return {
    type: 'Action.ShowCard',
    title: button.label,
    card: {
      type: 'AdaptiveCard',
      version: UNIVERSAL_ACTIONS.schemaVersion,
      body: [text(button.confirm.title, { weight: 'Bolder' }), text(button.confirm.text)],
      actions: [execute(button.confirm.confirm)],
    },
  };
}
