/**
 * @module remoting/powershell/literal-parser: reads `-Name <literal>` arguments with PowerShell's
 * tokenizer rules, accepting only plain literals: single-quoted strings, decimal integers,
 * `$true`/`$false`, and `@(…)` arrays of those. Everything else (double-quoted strings, `$(…)`,
 * variables, backticks, bare words, `;`, `|`, `&`, comments, a second statement) is refused.
 */
import { formatCodePoint, InvocationParseError, type InvocationParseErrorCode } from './errors.js';
import { isPowerShellSingleQuote, type ArgumentScalar, type ArgumentValue } from './quote.js';

const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9]/;
const DIGIT = /[0-9]/;
const BLANK = /[ \t]/;

class Reader {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipBlanks(): boolean {
    const from = this.pos;
    while (BLANK.test(this.peek() ?? '')) this.pos++;
    return this.pos > from;
  }

  fail(code: InvocationParseErrorCode, reason: string, at = this.pos): never {
    throw new InvocationParseError(code, at, reason);
  }

  unexpected(): never {
    if (this.atEnd()) return this.fail('missing-value', 'the text ends where a value was expected');
    const char = this.text.codePointAt(this.pos) ?? 0;
    return this.fail('unexpected-character', `${formatCodePoint(char)} is not part of a literal argument`);
  }
}

/** Parses `text` from `start` to its end as ` -Name <literal>` pairs (names are case-insensitive). */
export function parseArgumentLine(text: string, start: number): Record<string, ArgumentValue> {
  const reader = new Reader(text, start);
  const args: Record<string, ArgumentValue> = Object.create(null) as Record<string, ArgumentValue>;
  const seen = new Set<string>();
  while (!reader.atEnd()) {
    if (!reader.skipBlanks()) reader.unexpected();
    if (reader.atEnd()) break;
    const at = reader.pos;
    const { name, colon } = readParameter(reader);
    if (seen.has(name.toLowerCase())) reader.fail('duplicate-parameter', `parameter -${name} is given twice`, at);
    seen.add(name.toLowerCase());
    if (!colon && (!reader.skipBlanks() || reader.atEnd() || reader.peek() === '-')) {
      reader.fail('missing-value', `parameter -${name} has no value`, at);
    }
    args[name] = readValue(reader);
    if (!reader.atEnd() && !BLANK.test(reader.peek() ?? '')) reader.unexpected();
  }
  return args;
}

function readParameter(reader: Reader): { name: string; colon: boolean } {
  if (reader.peek() !== '-') reader.unexpected();
  reader.pos++;
  const from = reader.pos;
  if (!NAME_START.test(reader.peek() ?? '')) reader.fail('invalid-parameter', 'expected a parameter name after -');
  while (NAME_CHAR.test(reader.peek() ?? '')) reader.pos++;
  const name = reader.text.slice(from, reader.pos);
  const next = reader.peek();
  if (next === ':') {
    reader.pos++;
    return { name, colon: true };
  }
  if (next !== undefined && !BLANK.test(next)) reader.fail('invalid-parameter', `parameter -${name} is followed by a non-name character`);
  return { name, colon: false };
}

function readValue(reader: Reader): ArgumentValue {
  if (reader.peek() === '@' && reader.peek(1) === '(') return readArray(reader);
  return readScalar(reader);
}

function readScalar(reader: Reader): ArgumentScalar {
  const char = reader.peek();
  if (isPowerShellSingleQuote(char)) return readSingleQuoted(reader);
  if (char !== undefined && DIGIT.test(char)) return readInteger(reader, 1);
  if (char === '(' && reader.peek(1) === '-' && DIGIT.test(reader.peek(2) ?? '')) {
    reader.pos += 2;
    const value = readInteger(reader, -1);
    if (reader.peek() !== ')') reader.fail('invalid-number', 'expected ) after a negative number');
    reader.pos++;
    return value;
  }
  if (char === '$') return readBoolean(reader);
  if (char === '@' && reader.peek(1) === '(') reader.fail('nested-array', 'arrays inside arrays are not literal arguments');
  if (char === '"' || char === '\u201C' || char === '\u201D' || char === '\u201E') {
    reader.fail('not-a-literal', 'double-quoted strings expand variables and are not accepted');
  }
  return reader.unexpected();
}

/** PowerShell's ScanStringLiteral: any single quote closes, unless another single quote follows, which it stands for. */
function readSingleQuoted(reader: Reader): string {
  const open = reader.pos;
  reader.pos++;
  let value = '';
  for (;;) {
    const char = reader.peek();
    if (char === undefined) reader.fail('unterminated-string', 'string is not closed', open);
    if (isPowerShellSingleQuote(char)) {
      const next = reader.peek(1);
      if (!isPowerShellSingleQuote(next)) {
        reader.pos++;
        return value;
      }
      value += next;
      reader.pos += 2;
      continue;
    }
    value += char;
    reader.pos++;
  }
}

/** Plain decimal only: no sign, no leading zeros, no suffix (kb, l, d), no 0x, no fraction or exponent. */
function readInteger(reader: Reader, sign: 1 | -1): number {
  const from = reader.pos;
  while (DIGIT.test(reader.peek() ?? '')) reader.pos++;
  const digits = reader.text.slice(from, reader.pos);
  const next = reader.peek();
  if (next !== undefined && !BLANK.test(next) && next !== ',' && next !== ')') {
    reader.fail('invalid-number', 'only plain decimal integers are accepted', from);
  }
  if (digits.length > 1 && digits.startsWith('0')) reader.fail('invalid-number', 'leading zeros are not accepted', from);
  const value = sign * Number(digits);
  if (!Number.isSafeInteger(value)) reader.fail('invalid-number', 'integer is out of the safe range', from);
  return value === 0 ? 0 : value;
}

function readBoolean(reader: Reader): boolean {
  const from = reader.pos;
  reader.pos++;
  while (/[A-Za-z0-9_:?]/.test(reader.peek() ?? '')) reader.pos++;
  const name = reader.text.slice(from + 1, reader.pos).toLowerCase();
  if (name !== 'true' && name !== 'false') {
    reader.fail('not-a-literal', 'only $true and $false are accepted, not variables or subexpressions', from);
  }
  const next = reader.peek();
  if (next !== undefined && !BLANK.test(next) && next !== ',' && next !== ')') reader.unexpected();
  return name === 'true';
}

function readArray(reader: Reader): ArgumentScalar[] {
  reader.pos += 2;
  const items: ArgumentScalar[] = [];
  reader.skipBlanks();
  if (reader.peek() === ')') {
    reader.pos++;
    return items;
  }
  for (;;) {
    items.push(readScalar(reader));
    reader.skipBlanks();
    const char = reader.peek();
    if (char === ')') {
      reader.pos++;
      return items;
    }
    if (char !== ',') return char === undefined ? reader.fail('missing-value', 'array is not closed') : reader.unexpected();
    reader.pos++;
    reader.skipBlanks();
  }
}
