/**
 * @module tokenize: command text into words. Quotes group words ('…', "…", and the curly
 * quotes chat clients substitute); `--name` and `--name=value` are options.
 */
import { CommandError } from './errors.js';

export interface Token {
  text: string;
  quoted: boolean;
}

export interface Tokens {
  words: Token[];
  options: Map<string, string | true>;
}

const OPENING: Record<string, string> = { '"': '"', "'": "'", '\u201C': '\u201D', '\u2018': '\u2019', '\u201E': '\u201D' };
/** Options that take a value (the next word) rather than being switches. */
const VALUE_OPTIONS = new Set(['cluster', 'include', 'since']);

export function tokenize(text: string): Tokens {
  const words: Token[] = [];
  const options = new Map<string, string | true>();
  let i = 0;
  let pendingOption: string | undefined;
  const push = (token: Token) => {
    if (pendingOption) {
      options.set(pendingOption, token.text);
      pendingOption = undefined;
    } else words.push(token);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = OPENING[ch];
    if (close) {
      const end = findClose(text, i + 1, close, ch);
      if (end < 0) throw new CommandError('usage', `The quote that starts at \`${text.slice(i, i + 20)}\` is never closed.`);
      push({ text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    const word = text.slice(i, end);
    i = end;
    if (word.startsWith('--') && word.length > 2 && !pendingOption) {
      const [name, value] = splitOption(word.slice(2).toLowerCase(), word);
      if (value !== undefined) options.set(name, value);
      else if (VALUE_OPTIONS.has(name)) pendingOption = name;
      else options.set(name, true);
      continue;
    }
    push({ text: word, quoted: false });
  }
  if (pendingOption) throw new CommandError('usage', `The option --${pendingOption} needs a value, e.g. \`--${pendingOption} prod\`.`);
  return { words, options };
}

function findClose(text: string, from: number, close: string, open: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === close || (open === "'" && c === '\u2019') || (open === '"' && c === '\u201D')) return j;
  }
  return -1;
}

function splitOption(lowered: string, original: string): [string, string | undefined] {
  const eq = lowered.indexOf('=');
  if (eq < 0) return [lowered, undefined];
  return [lowered.slice(0, eq), original.slice(2 + eq + 1)];
}
