/** @module messages: small builders for neutral chat messages; text is always the full fallback. */
import type { Block, ChatMessage, Fact, MentionPart } from './chat.js';
import { bar } from './format.js';

export function plain(text: string): ChatMessage {
  return { text, blocks: [{ type: 'section', text }] };
}

export function factLine(fact: Fact): string {
  const mark = fact.ok === true ? ' ✓' : fact.ok === false ? ' ✗' : '';
  return `${fact.label}: ${fact.value}${mark}`;
}

/** The plain text of blocks, for the `text` fallback. */
export function textOf(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'header':
        case 'section':
        case 'context':
          return b.text;
        case 'fields':
          return b.fields.map(factLine).join('\n');
        case 'table':
          return [b.columns.join(' | '), ...b.rows.map((r) => r.join(' | '))].join('\n');
        case 'progress':
          return `${bar(b.percent)} ${Math.round(b.percent)}% ${b.phase}`;
        case 'buttons':
          return b.buttons.map((x) => `[${x.label} #${x.requestId}]`).join(' ');
        case 'mentions':
          return mentionParts(b).map((p) => `${p.prefix} ${p.actors.map((a) => `@${a.name}`).join(' ')}`.trim()).join(', ');
      }
    })
    .filter((t) => t.length > 0)
    .join('\n');
}

/** The roles of a mentions line in order: the first, then each of `then`, skipping empty ones. */
export function mentionParts(b: Extract<Block, { type: 'mentions' }>): MentionPart[] {
  return [{ prefix: b.prefix, actors: b.actors }, ...(b.then ?? [])].filter((p) => p.actors.length > 0 || p.prefix.length > 0);
}

export function message(blocks: Block[], narrow?: string): ChatMessage {
  return narrow === undefined ? { text: textOf(blocks), blocks } : { text: textOf(blocks), blocks, narrow };
}
