/**
 * @module pages: long lists a page at a time, as a separate step after a command has chosen
 * its rows (and after any visibility filter), so that every answer fits a screen and a chat
 * message. A page ends with where it is in the list and the command that shows the next.
 */
import { z } from 'zod';
import type { Block } from './chat.js';
import { PageOutOfRangeError } from './errors.js';

/**
 * How long a list may be before it is summarised or paged. A console screenful is about 40
 * lines (adapters/console/limits.ts); a page of 25 rows with its header, summary and footer
 * stays within it, and within one Slack section (3,000 characters) and a Teams card's budget.
 */
export const LIST_LIMITS = {
  /** Rows on one page. */
  pageRows: 25,
  /** A list this long or shorter is shown whole, as before (the README's sample session). */
  plainUpTo: 30,
  /** Items of a list named in a sentence ("needs attention: …") before "and N more". */
  inlineItems: 10,
  /** Rows of a ranking (placement) before "and N more". */
  rankingRows: 5,
} as const;

/** `page 3` as people type it. */
export const pageNumber = z.coerce.number().int('page should be a whole number').min(1, 'pages start at 1').max(1_000_000);

export interface Page<T> {
  rows: T[];
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
  /** 1-based index of the first row shown. */
  from: number;
}

/** The rows of one page; a page past the last is a clear error naming how many there are. */
export function pageOf<T>(all: readonly T[], page: number, command: (page: number) => string, size: number = LIST_LIMITS.pageRows): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  if (page > pages) throw new PageOutOfRangeError(page, pages, command(1));
  const start = (page - 1) * size;
  return { rows: all.slice(start, start + size), page, pages, total: all.length, from: start + 1 };
}

/** "Page 2 of 13 (26–50 of 312) · next: `vms off page 3`". */
export function pageFooter(p: Page<unknown>, command: (page: number) => string): Block[] {
  if (p.pages <= 1) return [];
  const to = p.from + p.rows.length - 1;
  const where = `Page ${p.page} of ${p.pages} (${p.from}–${to} of ${p.total})`;
  if (p.page >= p.pages) return [{ type: 'context', text: `${where} · the first page: \`${command(1)}\`` }];
  return [{ type: 'context', text: `${where} · next: \`${command(p.page + 1)}\`` }];
}

/** "a, b, c and 12 more" for a sentence; the full list is a narrower command away. */
export function someOf(items: readonly string[], max: number = LIST_LIMITS.inlineItems): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** A word people can type back: quoted when it has spaces or quotes. */
export function typed(word: string): string {
  return /^[^\s"'\u2018\u2019\u201C\u201D]+$/.test(word) ? word : `"${word.replace(/"/g, '')}"`;
}
