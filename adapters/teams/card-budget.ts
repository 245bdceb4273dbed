/**
 * @module teams/card-budget: the last-resort guard that keeps every card within Teams' message
 * size and this adapter's element margins (limits.ts). Commands already page their answers; this
 * only acts when a message is still too large, and then says so: "… N more rows not shown;
 * narrow with …".
 */
import type { AdaptiveCard, CardElement } from './adaptive-card.js';
import { CARD_ELEMENT_LIMITS as E, TEAMS_MESSAGE_LIMITS as M } from './limits.js';

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
/** Room kept for the notes this guard adds. */
const NOTE_ROOM = 1024;

interface Cut {
  rows: Map<CardElement, number>;
  elements: number;
  chars: number;
}

const note = (text: string): CardElement => ({ type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small', weight: 'Bolder' });

function cutText(text: string, max: number, narrow: string): string {
  if (text.length <= max) return text;
  const tail = `\n… ${text.length - max} more characters not shown; narrow with ${narrow}.`;
  return text.slice(0, Math.max(0, max - tail.length)) + tail;
}

/** The list inside a Table (rows) or a FactSet (facts), which the guard may shorten. */
const LISTS = { Table: 'rows', FactSet: 'facts' } as const;

function listKey(el: CardElement): 'rows' | 'facts' | undefined {
  const key = LISTS[el.type as keyof typeof LISTS] as 'rows' | 'facts' | undefined;
  return key && Array.isArray(el[key]) ? key : undefined;
}

function rowsOf(el: CardElement): unknown[] | undefined {
  const key = listKey(el);
  return key ? (el[key] as unknown[]) : undefined;
}

function setRows(el: CardElement, rows: unknown[]): void {
  const key = listKey(el);
  if (key) el[key] = rows;
}

/** Drops rows past the element margin (the header row is the first row and always stays). */
function capRows(body: CardElement[], cut: Cut, limit: number): void {
  for (const el of body) {
    const rows = el.type === 'Table' ? rowsOf(el) : undefined;
    if (!rows || rows.length - 1 <= limit) continue;
    cut.rows.set(el, (cut.rows.get(el) ?? 0) + rows.length - 1 - limit);
    setRows(el, rows.slice(0, limit + 1));
  }
}

/** One step towards the budget: fewer rows of the largest table, a shorter text, or one element less. */
function shrink(card: AdaptiveCard, over: number, cut: Cut): boolean {
  const sized = card.body.map((el, i) => ({ el, i, size: bytes(el) })).sort((a, b) => b.size - a.size);
  const biggest = sized[0];
  if (!biggest) return false;
  const rows = rowsOf(biggest.el);
  if (rows && rows.length > 2) {
    const perRow = biggest.size / rows.length;
    const drop = Math.min(rows.length - 2, Math.ceil(over / perRow) + 1);
    setRows(biggest.el, rows.slice(0, rows.length - drop));
    cut.rows.set(biggest.el, (cut.rows.get(biggest.el) ?? 0) + drop);
    return true;
  }
  const text = biggest.el.text;
  if (biggest.el.type === 'TextBlock' && typeof text === 'string' && text.length > 200) {
    const keep = Math.max(100, text.length - over - 200);
    cut.chars += text.length - keep;
    biggest.el.text = text.slice(0, keep);
    return true;
  }
  if (card.body.length > 1) {
    card.body.pop();
    cut.elements++;
    return true;
  }
  return false;
}

/** Cuts the card in place until the whole activity fits, then says what was cut and how to narrow. */
export function fitCard(card: AdaptiveCard, narrow = 'a narrower command'): AdaptiveCard {
  const cut: Cut = { rows: new Map(), elements: 0, chars: 0 };
  card.fallbackText = cutText(card.fallbackText, E.fallbackTextChars, narrow);
  capRows(card.body, cut, E.tableRows);
  if (card.body.length > E.bodyElements) {
    cut.elements += card.body.length - (E.bodyElements - 1);
    card.body = card.body.slice(0, E.bodyElements - 1);
  }
  const budget = M.activityBudgetBytes - M.envelopeBytes - NOTE_ROOM;
  for (let size = bytes(card); size > budget; size = bytes(card)) {
    if (!shrink(card, size - budget, cut)) break;
  }
  const body: CardElement[] = [];
  for (const el of card.body) {
    body.push(el);
    const n = cut.rows.get(el);
    if (n) body.push(note(`… ${n} more row${n === 1 ? '' : 's'} not shown (Teams limits a message's size); narrow with ${narrow}.`));
  }
  if (cut.elements || cut.chars) {
    const what = [cut.elements ? `${cut.elements} more part${cut.elements === 1 ? '' : 's'}` : '', cut.chars ? `${cut.chars} more characters` : ''].filter(Boolean).join(' and ');
    body.push(note(`… ${what} not shown (Teams limits a message's size); narrow with ${narrow}.`));
  }
  card.body = body;
  return card;
}
