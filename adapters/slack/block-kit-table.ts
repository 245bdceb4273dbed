/**
 * @module slack/block-kit-table: a neutral table as monospaced sections. Block Kit sections
 * hold 3,000 characters, so a long inventory becomes several sections, each repeating the
 * column names; past the block budget the rest is cut and a note says how many rows.
 */
import type { types as slack } from '@slack/bolt';
import { BLOCK_KIT_LIMITS } from './limits.js';
import { escapeText, truncate } from './mrkdwn.js';

/** Widest cell kept, so that one long name cannot push every row past the section limit. */
const MAX_CELL = 60;
const FENCE = '```';
/** Room kept in the last section for the note about cut rows. */
const NOTE_ROOM = 400;

export function renderTable(columns: readonly string[], rows: readonly (readonly string[])[], budget: number, narrow = 'a narrower command'): slack.SectionBlock[] {
  const lines = alignedLines(columns, rows);
  const head = lines[0] ?? '';
  const body = lines.slice(1);
  const capacity = BLOCK_KIT_LIMITS.sectionText - NOTE_ROOM - 2 * (FENCE.length + 1);
  const chunks: string[][] = [];
  let current: string[] = [head];
  let size = head.length;
  for (const line of body) {
    if (size + 1 + line.length > capacity && current.length > 1) {
      chunks.push(current);
      current = [head];
      size = head.length;
    }
    current.push(line);
    size += 1 + line.length;
  }
  chunks.push(current);
  const kept = chunks.slice(0, Math.max(1, budget));
  const shownRows = kept.reduce((n, c) => n + c.length - 1, 0);
  const cut = body.length - shownRows;
  return kept.map((chunk, i) => {
    const note = cut > 0 && i === kept.length - 1 ? `\n_… and ${cut} more of ${body.length} rows not shown; narrow with ${narrow}._` : '';
    return { type: 'section', text: { type: 'mrkdwn', text: `${FENCE}\n${chunk.join('\n')}\n${FENCE}${note}` } };
  });
}

function alignedLines(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cell = (text: string | undefined) => escapeText(truncate((text ?? '').replace(/\s+/g, ' '), MAX_CELL));
  const all = [columns.map(cell), ...rows.map((r) => columns.map((_, i) => cell(r[i])))];
  const widths = columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
