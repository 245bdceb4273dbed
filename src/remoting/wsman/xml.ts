/** @module wsman/xml: escaping and a tiny element writer for the envelopes this client sends. */
import { InvalidValueError } from '../errors.js';

const textEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const attrEscapes: Readonly<Record<string, string>> = {
  ...textEscapes,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

// XML 1.0 forbids these characters anywhere, even escaped.
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function assertLegal(value: string): void {
  if (forbidden.test(value)) {
    throw new InvalidValueError('a value contains a control character (such as NUL) that XML cannot carry');
  }
}

/** Escapes a text node; `\r` is kept as a character reference so parsers do not fold it. */
export function escapeText(value: string): string {
  assertLegal(value);
  return value.replace(/[&<>\r]/g, (c) => (c === '\r' ? '&#13;' : (textEscapes[c] ?? c)));
}

export function escapeAttribute(value: string): string {
  assertLegal(value);
  return value.replace(/[&<>"\t\n\r]/g, (c) => attrEscapes[c] ?? c);
}

export type Attributes = Readonly<Record<string, string | undefined>>;

/** `<name a="…">content</name>`, with content either child markup (already built) or `{ text }`. */
export function element(name: string, attributes: Attributes = {}, content: readonly string[] | { text: string } = []): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  const inner = 'text' in content ? escapeText(content.text) : content.join('');
  return inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`;
}
