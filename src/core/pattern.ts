/**
 * @module pattern: one phrasing of a command ("migrate {vm} to {node}") compiled into
 * parts, and matched against words. A failed match says how far it got and what it wanted.
 *
 * Syntax: literal words; `{arg}` one word; `{arg...}` the rest; `{arg:a|b|c}` one of the words
 * listed (the value is the word, lower-cased); `[on {node}]` an optional group. Optional groups
 * that follow each other may be typed in any order, each at most once
 * (`vms [on {node}] [{state:running|off}] [page {page}]` takes `vms off on node7 page 2`).
 */
import type { Token } from './tokenize.js';

export type Part =
  | { kind: 'word'; word: string }
  | { kind: 'arg'; name: string }
  | { kind: 'choice'; name: string; words: string[] }
  | { kind: 'rest'; name: string }
  | { kind: 'optional'; parts: Part[] };

export type MatchResult =
  | { ok: true; values: Record<string, string> }
  | { ok: false; matched: number; expected: Part | undefined; unexpected: Token | undefined };

type Failure = Extract<MatchResult, { ok: false }>;

function compilePiece(piece: string): Part {
  const rest = /^\{(\w+)\.\.\.\}$/.exec(piece);
  if (rest) return { kind: 'rest', name: rest[1]! };
  const choice = /^\{(\w+):([\w-]+(?:\|[\w-]+)*)\}$/.exec(piece);
  if (choice) return { kind: 'choice', name: choice[1]!, words: choice[2]!.toLowerCase().split('|') };
  const arg = /^\{(\w+)\}$/.exec(piece);
  if (arg) return { kind: 'arg', name: arg[1]! };
  return { kind: 'word', word: piece.toLowerCase() };
}

export function compilePattern(pattern: string): Part[] {
  const out: Part[] = [];
  let group: Part[] | undefined;
  for (const raw of pattern.trim().split(/\s+/)) {
    let piece = raw;
    if (piece.startsWith('[')) {
      if (group) throw new Error(`pattern "${pattern}": optional groups do not nest`);
      group = [];
      piece = piece.slice(1);
    }
    const closes = piece.endsWith(']');
    if (closes) piece = piece.slice(0, -1);
    if (closes && !group) throw new Error(`pattern "${pattern}": "]" without "["`);
    if (piece) (group ?? out).push(compilePiece(piece));
    if (closes) {
      out.push({ kind: 'optional', parts: group! });
      group = undefined;
    }
  }
  if (group) throw new Error(`pattern "${pattern}": "[" never closed`);
  return out;
}

/** The failure that got furthest is the one worth explaining. */
function further(a: Failure | undefined, b: Failure): Failure {
  return !a || b.matched > a.matched ? b : a;
}

type Step = { ok: true; w: number } | Failure;

/** One required part at word w. */
function matchOne(part: Exclude<Part, { kind: 'optional' }>, words: readonly Token[], w: number, values: Record<string, string>): Step {
  const token = words[w];
  if (part.kind === 'rest') {
    if (!token) return { ok: false, matched: w, expected: part, unexpected: undefined };
    values[part.name] = words.slice(w).map((t) => t.text).join(' ');
    return { ok: true, w: words.length };
  }
  if (!token) return { ok: false, matched: w, expected: part, unexpected: undefined };
  switch (part.kind) {
    case 'word':
      if (token.quoted || token.text.toLowerCase() !== part.word) return { ok: false, matched: w, expected: part, unexpected: token };
      return { ok: true, w: w + 1 };
    case 'choice':
      if (token.quoted || !part.words.includes(token.text.toLowerCase())) return { ok: false, matched: w, expected: part, unexpected: token };
      values[part.name] = token.text.toLowerCase();
      return { ok: true, w: w + 1 };
    case 'arg':
      values[part.name] = token.text;
      return { ok: true, w: w + 1 };
  }
}

function matchFrom(parts: readonly Part[], p: number, words: readonly Token[], w: number, values: Record<string, string>): MatchResult {
  if (p === parts.length) {
    return w < words.length ? { ok: false, matched: w, expected: undefined, unexpected: words[w] } : { ok: true, values };
  }
  const part = parts[p]!;
  if (part.kind === 'optional') return matchOptionals(parts, p, words, w, values, new Set());
  const step = matchOne(part, words, w, values);
  return step.ok ? matchFrom(parts, p + 1, words, step.w, values) : step;
}

/** The run of optional groups starting at p, in any order, each at most once; then what follows. */
function matchOptionals(parts: readonly Part[], p: number, words: readonly Token[], w: number, values: Record<string, string>, used: ReadonlySet<number>): MatchResult {
  let end = p;
  while (parts[end]?.kind === 'optional') end++;
  let best: Failure | undefined;
  for (let g = p; g < end; g++) {
    if (used.has(g)) continue;
    const group = (parts[g] as Extract<Part, { kind: 'optional' }>).parts;
    const inner = { ...values };
    const took = matchGroup(group, words, w, inner);
    if (!took.ok) {
      // A group that got past its first word explains the problem best ("Missing the node").
      if (took.matched > w) best = further(best, took);
      continue;
    }
    const result = matchOptionals(parts, p, words, took.w, inner, new Set([...used, g]));
    if (result.ok) return result;
    best = further(best, result);
  }
  const after = matchFrom(parts, end, words, w, { ...values });
  if (after.ok) return after;
  return further(best, after);
}

function matchGroup(group: readonly Part[], words: readonly Token[], w: number, values: Record<string, string>): Step {
  let at = w;
  for (const part of group) {
    if (part.kind === 'optional') throw new Error('optional groups do not nest');
    const step = matchOne(part, words, at, values);
    if (!step.ok) return step;
    at = step.w;
  }
  return { ok: true, w: at };
}

export function matchPattern(parts: readonly Part[], words: readonly Token[]): MatchResult {
  return matchFrom(parts, 0, words, 0, {});
}

/** The pattern as help shows it: `migrate <vm> to <node>`, `vms [on <node>] [running|off]`. */
export function usageOf(parts: readonly Part[]): string {
  return parts.map(usageOfPart).join(' ');
}

function usageOfPart(p: Part): string {
  switch (p.kind) {
    case 'word':
      return p.word;
    case 'arg':
      return `<${p.name}>`;
    case 'choice':
      return p.words.join('|');
    case 'rest':
      return `[${p.name}…]`;
    case 'optional':
      return `[${usageOf(p.parts)}]`;
  }
}
