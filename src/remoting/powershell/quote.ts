/**
 * @module remoting/powershell/quote: THE quoting function. Every value that reaches a script is
 * rendered here as a PowerShell literal: strings as single-quoted literals, integers, booleans,
 * and arrays of those.
 */
import {
  ControlCharacterError,
  LoneSurrogateError,
  TooManyItemsError,
  UnsafeNumberError,
  ValueTooLongError,
} from './errors.js';

/**
 * The characters PowerShell's tokenizer takes for a single quote: `'` and U+2018, U+2019,
 * U+201A, U+201B (PowerShell tokenizer.cs, `CharExtensions.IsSingleQuote`). Any of them opens or
 * closes a single-quoted string, and any two in a row stand for the second one.
 */
export const POWERSHELL_SINGLE_QUOTES = ['\u0027', '\u2018', '\u2019', '\u201A', '\u201B'] as const;

export const QUOTING_LIMITS = {
  /** Longest string value, in UTF-16 code units. */
  maxStringLength: 1024,
  /** Most items in an array value. */
  maxArrayItems: 256,
} as const;

export type ArgumentScalar = string | number | boolean;
export type ArgumentValue = ArgumentScalar | readonly ArgumentScalar[];

const SINGLE_QUOTE = /['\u2018\u2019\u201A\u201B]/g;

export function isPowerShellSingleQuote(char: string | undefined): boolean {
  return char !== undefined && (POWERSHELL_SINGLE_QUOTES as readonly string[]).includes(char);
}

/** C0 controls, DEL, C1 controls (incl. U+0085 NEL), and the Unicode line/paragraph separators. */
function isRefusedControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** Throws a QuotingError if `value` may not become a literal: control characters, unpaired surrogates, too long. */
export function assertQuotable(value: string): void {
  if (value.length > QUOTING_LIMITS.maxStringLength) {
    throw new ValueTooLongError(value.length, QUOTING_LIMITS.maxStringLength);
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isRefusedControl(code)) throw new ControlCharacterError(i, code);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new LoneSurrogateError(i, code);
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      throw new LoneSurrogateError(i, code);
    }
  }
}

/**
 * `value` as a PowerShell single-quoted literal: every single-quote character (all five kinds)
 * is doubled, nothing else is special inside. Refuses (QuotingError) control characters, line
 * separators, unpaired surrogates and values over QUOTING_LIMITS.maxStringLength.
 */
export function quotePowerShellLiteral(value: string): string {
  assertQuotable(value);
  return `'${value.replace(SINGLE_QUOTE, (quote) => quote + quote)}'`;
}

function renderScalar(value: ArgumentScalar): string {
  if (typeof value === 'string') return quotePowerShellLiteral(value);
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (!Number.isSafeInteger(value)) throw new UnsafeNumberError(value);
  // A bare `-5` in argument mode could be read as a parameter name; `(-5)` is an expression.
  return value < 0 ? `(${value})` : String(value);
}

/** A value as PowerShell literal text: `'text'`, `42`, `(-1)`, `$true`, `@('a','b')`. */
export function renderArgument(value: ArgumentValue): string {
  if (!Array.isArray(value)) return renderScalar(value as ArgumentScalar);
  const items = value as readonly ArgumentScalar[];
  if (items.length > QUOTING_LIMITS.maxArrayItems) {
    throw new TooManyItemsError(items.length, QUOTING_LIMITS.maxArrayItems);
  }
  return `@(${items.map(renderScalar).join(',')})`;
}
