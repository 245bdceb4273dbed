/**
 * @module parser: command text → the spec it names and validated arguments, or an error
 * that names the wrong part (unknown verb with suggestions, usage with an example).
 */
import type { z } from 'zod';
import type { AnyCommandSpec } from './command-spec.js';
import { CommandError, excerpt, InvalidArgumentError, UnknownCommandError, UsageError } from './errors.js';
import { checkCommandLength, checkTokenCount, INPUT_LIMITS } from './input-limits.js';
import { nearestNames } from './nearest.js';
import { compilePattern, matchPattern, usageOf, type MatchResult, type Part } from './pattern.js';
import { tokenize, type Token } from './tokenize.js';

export interface ParsedCommand {
  spec: AnyCommandSpec;
  args: Record<string, unknown>;
  /** From `--cluster NAME` or a trailing `on NAME` that names a configured cluster. */
  cluster?: string;
  whatIf: boolean;
}

interface CompiledPattern {
  spec: AnyCommandSpec;
  parts: Part[];
  set: Record<string, unknown>;
  shownAs?: string;
  alias: boolean;
}

export interface Parser {
  parse(text: string, clusterNames: readonly string[]): ParsedCommand;
  usage(spec: AnyCommandSpec): string[];
}

const KNOWN_OPTIONS = new Set(['what-if', 'whatif', 'cluster']);

export function createParser(specs: readonly AnyCommandSpec[]): Parser {
  const compiled: CompiledPattern[] = specs.flatMap((spec) =>
    spec.patterns.map((p) => ({ spec, parts: compilePattern(p.pattern), set: p.set ?? {}, shownAs: p.shownAs, alias: p.alias ?? false })),
  );
  const verbs = new Map<string, CompiledPattern[]>();
  for (const c of compiled) {
    const first = c.parts[0];
    if (first?.kind !== 'word') throw new Error(`pattern of ${c.spec.name} must start with a word`);
    verbs.set(first.word, [...(verbs.get(first.word) ?? []), c]);
  }
  const phrases = [...new Set(compiled.map((c) => leadingWords(c.parts)))];
  const usage = (spec: AnyCommandSpec) => {
    const own = compiled.filter((c) => c.spec === spec);
    const shown = (c: CompiledPattern) => c.shownAs ?? usageOf(c.parts);
    return [...own.filter((c) => !c.alias).map(shown), ...own.filter((c) => c.alias).map((c) => `${shown(c)} (also)`)];
  };

  const parse = (text: string, clusterNames: readonly string[]): ParsedCommand => {
    checkCommandLength(text);
    const { words, options } = tokenize(text);
    checkTokenCount(words.length + options.size);
    const specOptions = new Set(specs.flatMap((spec) => spec.options ?? []));
    for (const name of options.keys()) {
      if (!KNOWN_OPTIONS.has(name) && !specOptions.has(name)) {
        throw new CommandError('usage', `I don't know the option --${excerpt(name)}. Options: --what-if, --cluster NAME.`);
      }
    }
    const verb = words[0];
    if (!verb) throw new CommandError('usage', 'Type a command, or `help` for the list.');
    const candidates = verb.quoted ? undefined : verbs.get(verb.text.toLowerCase());
    if (!candidates) throw new UnknownCommandError(verb.text, verb.text.length > INPUT_LIMITS.verbChars ? [] : nearestNames(verb.text, phrases));
    const whatIf = options.has('what-if') || options.has('whatif');
    const clusterOption = options.get('cluster');
    const cluster = typeof clusterOption === 'string' ? clusterOption : undefined;

    const extra = (spec: AnyCommandSpec) => commandOptions(spec, options);
    // Two specs may share a phrasing (`stop vm42`, `stop vm42 --force`): the one taking the options given goes first.
    const own = [...options.keys()].filter((name) => !KNOWN_OPTIONS.has(name));
    const takes = (c: CompiledPattern) => own.every((name) => c.spec.options?.includes(name));
    const ordered = [...candidates.filter(takes), ...candidates.filter((c) => !takes(c))];
    const trailing = trailingCluster(words, clusterNames);
    if (trailing && !cluster) {
      const found = firstMatch(ordered, trailing.words);
      if (found) return build(found, trailing.cluster, whatIf, extra(found.pattern.spec));
    }
    const found = firstMatch(ordered, words);
    if (found) return build(found, cluster, whatIf, extra(found.pattern.spec));
    throw usageProblem(candidates, words, usage);
  };
  return { parse, usage };
}

function leadingWords(parts: readonly Part[]): string {
  const words: string[] = [];
  for (const p of parts) {
    if (p.kind !== 'word') break;
    words.push(p.word);
  }
  return words.slice(0, 2).join(' ');
}

function trailingCluster(words: readonly Token[], clusterNames: readonly string[]) {
  const n = words.length;
  const on = words[n - 2];
  const name = words[n - 1];
  if (n < 3 || !on || !name || on.quoted || on.text.toLowerCase() !== 'on') return undefined;
  const cluster = clusterNames.find((c) => c.toLowerCase() === name.text.toLowerCase());
  return cluster ? { cluster, words: words.slice(0, n - 2) } : undefined;
}

function firstMatch(candidates: readonly CompiledPattern[], words: readonly Token[]) {
  for (const c of candidates) {
    const result = matchPattern(c.parts, words);
    if (result.ok) return { pattern: c, values: result.values };
  }
  return undefined;
}

/** Options a command takes for itself (`--since 1h` for audit) become arguments; others are refused. */
function commandOptions(spec: AnyCommandSpec, options: ReadonlyMap<string, string | true>): Record<string, string | true> {
  const own: Record<string, string | true> = {};
  for (const [name, value] of options) {
    if (KNOWN_OPTIONS.has(name)) continue;
    if (!spec.options?.includes(name)) {
      const own = (spec.options ?? []).map((o) => `, --${o}`).join('');
      throw new CommandError('usage', `The option --${excerpt(name)} does not apply to \`${spec.name}\`. Options: --what-if, --cluster NAME${own}.`);
    }
    own[name] = value;
  }
  return own;
}

function build(
  found: { pattern: CompiledPattern; values: Record<string, string> },
  cluster: string | undefined,
  whatIf: boolean,
  options: Record<string, string | true> = {},
): ParsedCommand {
  const { spec } = found.pattern;
  const raw = { ...options, ...found.values, ...found.pattern.set };
  const parsed = (spec.args as z.ZodType).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'argument');
    throw new InvalidArgumentError(field === 'id' ? 'request id' : field, explain(issue?.message, raw[field]));
  }
  return { spec, args: parsed.data as Record<string, unknown>, cluster, whatIf };
}

function explain(message: string | undefined, value: unknown): string {
  const shown = typeof value === 'string' ? ` (\`${value.slice(0, 60)}\`)` : '';
  return `is not valid${shown}: ${message ?? 'unexpected value'}`;
}

function usageProblem(candidates: readonly CompiledPattern[], words: readonly Token[], usage: (s: AnyCommandSpec) => string[]) {
  let best: { c: CompiledPattern; r: Extract<MatchResult, { ok: false }> } | undefined;
  for (const c of candidates) {
    const r = matchPattern(c.parts, words);
    if (!r.ok && (!best || r.matched > best.r.matched)) best = { c, r };
  }
  const spec = best?.c.spec ?? candidates[0]!.spec;
  return new UsageError(spec.name, usage(spec), spec.examples[0], describe(best?.r));
}

function describe(r: Extract<MatchResult, { ok: false }> | undefined): string {
  if (!r) return 'That command is not complete.';
  const expected = r.expected;
  if (!r.unexpected && expected) {
    switch (expected.kind) {
      case 'word':
        return `Missing \`${expected.word}\`.`;
      case 'choice':
        return `Missing one of ${expected.words.map((w) => `\`${w}\``).join(', ')}.`;
      case 'optional':
        return 'That command is not complete.';
      default:
        return `Missing the ${expected.name}.`;
    }
  }
  if (r.unexpected && expected?.kind === 'word') return `Expected \`${expected.word}\` where you wrote \`${excerpt(r.unexpected.text)}\`.`;
  if (r.unexpected && expected?.kind === 'choice') {
    return `Expected one of ${expected.words.map((w) => `\`${w}\``).join(', ')} where you wrote \`${excerpt(r.unexpected.text)}\`.`;
  }
  return `I didn't expect \`${excerpt(r.unexpected?.text ?? '')}\` there.`;
}
