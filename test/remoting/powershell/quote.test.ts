import {
  ControlCharacterError,
  LoneSurrogateError,
  QuotingError,
  TooManyItemsError,
  UnsafeNumberError,
  ValueTooLongError,
} from '../../../src/remoting/powershell/errors.js';
import { quotePowerShellLiteral, renderArgument } from '../../../src/remoting/powershell/quote.js';

function refusal(run: () => unknown): QuotingError {
  try {
    run();
  } catch (error) {
    if (error instanceof QuotingError) return error;
    throw error;
  }
  throw new Error('expected a QuotingError');
}

describe('quotePowerShellLiteral', () => {
  test.each([
    ['vm42', "'vm42'"],
    ['', "''"],
    ["it's", "'it''s'"],
    ['\u2018a\u2019', "'\u2018\u2018a\u2019\u2019'"],
    ['\u201A\u201B', "'\u201A\u201A\u201B\u201B'"],
    ['$(calc) `n "x" ; | &', "'$(calc) `n \"x\" ; | &'"],
  ])('%j becomes %j', (value, literal) => {
    expect(quotePowerShellLiteral(value)).toBe(literal);
  });

  test.each([
    ['LF', 'a\nb', 1, 0x0a],
    ['CR', 'ab\r', 2, 0x0d],
    ['NUL', '\0', 0, 0],
    ['TAB', 'a\tb', 1, 0x09],
    ['ESC', 'x\u001b[31m', 1, 0x1b],
    ['DEL', 'x\u007f', 1, 0x7f],
    ['NEL', 'x\u0085', 1, 0x85],
    ['LINE SEPARATOR', 'vm\u2028Stop-Computer', 2, 0x2028],
    ['PARAGRAPH SEPARATOR', '\u2029', 0, 0x2029],
  ])('refuses %s with its position and code point', (_label, value, position, codePoint) => {
    const error = refusal(() => quotePowerShellLiteral(value));
    expect(error).toBeInstanceOf(ControlCharacterError);
    expect(error.code).toBe('control-character');
    expect((error as ControlCharacterError).position).toBe(position);
    expect((error as ControlCharacterError).codePoint).toBe(codePoint);
  });

  test('refuses a value over 1024 characters without repeating it', () => {
    expect(quotePowerShellLiteral('a'.repeat(1024))).toHaveLength(1026);
    const huge = 'X'.repeat(1_000_000);
    const error = refusal(() => quotePowerShellLiteral(huge));
    expect(error).toBeInstanceOf(ValueTooLongError);
    expect((error as ValueTooLongError).length).toBe(1_000_000);
    expect(error.message.length).toBeLessThan(100);
    expect(error.message).not.toContain('XXXX');
  });

  test('refuses unpaired surrogates, keeps paired ones', () => {
    expect(quotePowerShellLiteral('😀')).toBe("'😀'");
    const high = refusal(() => quotePowerShellLiteral('a\uD83D'));
    expect(high).toBeInstanceOf(LoneSurrogateError);
    expect((high as LoneSurrogateError).position).toBe(1);
    const low = refusal(() => quotePowerShellLiteral('\uDE00a'));
    expect((low as LoneSurrogateError).codeUnit).toBe(0xde00);
  });
});

describe('renderArgument', () => {
  test.each([
    [0, '0'],
    [42, '42'],
    [-7, '(-7)'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [true, '$true'],
    [false, '$false'],
    [['a', "b'c"], "@('a','b''c')"],
    [[], '@()'],
    [[1, 'x', false], "@(1,'x',$false)"],
  ])('%j renders as %s', (value, text) => {
    expect(renderArgument(value)).toBe(text);
  });

  test.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses the number %d', (value) => {
    const error = refusal(() => renderArgument(value));
    expect(error).toBeInstanceOf(UnsafeNumberError);
    expect(error.code).toBe('unsafe-number');
  });

  test('refuses arrays with a bad item or too many items', () => {
    expect(refusal(() => renderArgument(['ok', 'bad\n'])).code).toBe('control-character');
    const error = refusal(() => renderArgument(Array.from({ length: 257 }, () => 'x')));
    expect(error).toBeInstanceOf(TooManyItemsError);
    expect((error as TooManyItemsError).count).toBe(257);
  });
});
