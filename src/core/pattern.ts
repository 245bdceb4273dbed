/**
 * @module pattern: one phrasing of a command ("migrate {vm} to {node}") compiled into
 * parts, and matched against words. A failed match says how far it got and what it wanted.
 */
import type { Token } from './tokenize.js';

export type Part =
  | { kind: 'word'; word: string }
  | { kind: 'arg'; name: string }
  | { kind: 'rest'; name: string };

export type MatchResult =
  | { ok: true; values: Record<string, string> }
  | { ok: false; matched: number; expected: Part | undefined; unexpected: Token | undefined };

export function compilePattern(pattern: string): Part[] {
  return pattern
    .trim()
    .split(/\s+/)
    .map((piece): Part => {
      const rest = /^\{(\w+)\.\.\.\}$/.exec(piece);
      if (rest) return { kind: 'rest', name: rest[1]! };
      const arg = /^\{(\w+)\}$/.exec(piece);
      if (arg) return { kind: 'arg', name: arg[1]! };
      return { kind: 'word', word: piece.toLowerCase() };
    });
}

export function matchPattern(parts: readonly Part[], words: readonly Token[]): MatchResult {
  const values: Record<string, string> = {};
  let w = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const token = words[w];
    if (!token) return { ok: false, matched: w, expected: part, unexpected: undefined };
    switch (part.kind) {
      case 'word':
        if (token.quoted || token.text.toLowerCase() !== part.word) {
          return { ok: false, matched: w, expected: part, unexpected: token };
        }
        w++;
        break;
      case 'arg':
        values[part.name] = token.text;
        w++;
        break;
      case 'rest':
        values[part.name] = words.slice(w).map((t) => t.text).join(' ');
        w = words.length;
        break;
    }
  }
  if (w < words.length) return { ok: false, matched: w, expected: undefined, unexpected: words[w] };
  return { ok: true, values };
}

/** The pattern as help shows it: `migrate <vm> to <node>`. */
export function usageOf(parts: readonly Part[]): string {
  return parts
    .map((p) => (p.kind === 'word' ? p.word : p.kind === 'arg' ? `<${p.name}>` : `[${p.name}…]`))
    .join(' ');
}
