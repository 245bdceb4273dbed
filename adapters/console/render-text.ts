/** @module render-text: a neutral ChatMessage as terminal text, with optional ANSI colours. */
import type { Block, ChatMessage } from '../../src/core/chat.js';
import { bar } from '../../src/core/format.js';
import { factLine, mentionParts } from '../../src/core/messages.js';
import { CONSOLE_LIMITS } from './limits.js';

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  green(s: string): string;
  red(s: string): string;
  cyan(s: string): string;
}

const id = (s: string) => s;
export const noPaint: Paint = { bold: id, dim: id, green: id, red: id, cyan: id };
const ansi = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const ansiPaint: Paint = { bold: ansi(1), dim: ansi(2), green: ansi(32), red: ansi(31), cyan: ansi(36) };

export function renderText(message: ChatMessage, paint: Paint = noPaint): string[] {
  return fitScreen(message.blocks.flatMap((block) => renderBlock(block, paint)), message.narrow, paint);
}

/** Last resort: a message never scrolls past a screenful; the cut says how much and how to narrow. */
function fitScreen(lines: string[], narrow: string | undefined, paint: Paint): string[] {
  const max = CONSOLE_LIMITS.screenLines;
  const width = CONSOLE_LIMITS.lineChars;
  lines = lines.map((l) => (l.length <= width ? l : `${l.slice(0, width - 40)}… (${l.length - (width - 40)} more characters)`));
  if (lines.length <= max) return lines;
  const hidden = lines.length - (max - 1);
  return [...lines.slice(0, max - 1), paint.dim(`… ${hidden} more lines not shown; narrow with ${narrow ?? 'a narrower command'}.`)];
}

function renderBlock(b: Block, paint: Paint): string[] {
  switch (b.type) {
    case 'header':
      return [paint.bold(b.text)];
    case 'section':
      return b.text.split('\n');
    case 'context':
      return [paint.dim(b.text)];
    case 'fields':
      return b.fields.map((f) => {
        const line = `  ${factLine(f)}`;
        return f.ok === false ? paint.red(line) : f.ok === true ? paint.green(line) : line;
      });
    case 'table':
      return table(b.columns, b.rows).map((line, i) => (i === 0 ? paint.bold(line) : line));
    case 'progress':
      return [`${paint.cyan(bar(b.percent, 20))} ${Math.round(b.percent)}% ${b.phase}`];
    case 'buttons':
      return [b.buttons.map((x) => `[${x.label}: type \`${x.action} ${x.requestId}\`]`).join('  ')];
    case 'mentions':
      return [paint.dim(mentionParts(b).map((p) => `${p.prefix} ${p.actors.map((a) => `@${a.name}`).join(' ')}`.trim()).join(', '))];
  }
}

function table(columns: string[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(columns), ...rows.map(line)];
}
