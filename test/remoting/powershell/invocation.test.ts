import { InvalidHelpersError, InvocationParseError, QuotingError } from '../../../src/remoting/powershell/errors.js';
import {
  buildScriptInvocation,
  INVOCATION_PRELUDE,
  parseScriptInvocation,
} from '../../../src/remoting/powershell/invocation.js';

const BODY = [
  'param([string]$Name, [string]$Other)',
  "$ErrorActionPreference = 'Stop'",
  'function Get-It {',
  "  Get-VM -Name $Name | Select-Object Name, State | ConvertTo-Json -Compress",
  '}',
  'Get-It',
].join('\n');

/** Values a chat user could type: each either arrives exactly or is refused. */
const ROUND_TRIP: Array<[string, string]> = [
  ['plain name', 'vm42'],
  ['empty string', ''],
  ['apostrophe', "o'brien"],
  ['only quotes', "''''"],
  ['U+2018 left single quote', '\u2018vm'],
  ['U+2019 right single quote', "vm\u2019; Stop-Computer -Force; \u2019"],
  ['U+201A low single quote', '\u201A'],
  ['U+201B reversed single quote', 'a\u201Bb'],
  ['every single quote kind', "'\u2018\u2019\u201A\u201B'\u2019"],
  ['closing quote then a new parameter', "x' -Other 'injected"],
  ['typographic close then a new parameter', 'x\u2019 -Other \u2018injected'],
  ['double quotes of every kind', '"a" \u201Cb\u201D \u201Ec'],
  ['subexpression', '$(Remove-Item C:\\ -Recurse -Force)'],
  ['braced variable', '${env:USERPROFILE}'],
  ['variable', '$env:COMPUTERNAME'],
  ['backticks', '`$x `n `0 `'],
  ['semicolon', 'vm1; Stop-Computer'],
  ['pipe', 'vm1 | Remove-VM'],
  ['ampersand', '& calc.exe && calc'],
  ['array subexpression', "@('a','b')"],
  ['hash table', '@{a=1}'],
  ['here-string opener', "@'"],
  ['comment', '# rest'],
  ['block comment', '<# x #>'],
  ['parameter lookalike', '-Other'],
  ['stop-parsing token', '--%'],
  ['closing brace', '} ; calc ; & {'],
  ['redirection', '> C:\\x.txt 2>&1'],
  ['emoji', 'vm-😀-🚀'],
  ['non-Latin', 'узел-1 ノード 節點 عقدة'],
  ['longest allowed', "'".repeat(1024)],
];

const REFUSED: Array<[string, string, string]> = [
  ['newline', 'vm1\nStop-Computer', 'control-character'],
  ['carriage return', 'vm1\rStop-Computer', 'control-character'],
  ['NUL', 'vm\u0000', 'control-character'],
  ['line separator U+2028', 'vm\u2028x', 'control-character'],
  ['next line U+0085', 'vm\u0085x', 'control-character'],
  ['very long', 'a'.repeat(5000), 'too-long'],
  ['unpaired surrogate', 'vm\uD800', 'lone-surrogate'],
];

describe('buildScriptInvocation → parseScriptInvocation', () => {
  test.each(ROUND_TRIP)('%s arrives as exactly the original string', (_label, value) => {
    const text = buildScriptInvocation(BODY, { Name: value, Other: 'fixed' });
    const parsed = parseScriptInvocation(text);
    expect(parsed.body).toBe(BODY);
    expect(Object.keys(parsed.args)).toEqual(['Name', 'Other']);
    expect(parsed.args.Name).toBe(value);
    expect(parsed.args.Other).toBe('fixed');
  });

  test.each(ROUND_TRIP)('%s arrives exactly inside an array', (_label, value) => {
    const parsed = parseScriptInvocation(buildScriptInvocation(BODY, { Names: [value, 'b'] }));
    expect(parsed.args.Names).toEqual([value, 'b']);
  });

  test.each(REFUSED)('%s is refused before any script exists', (_label, value, code) => {
    expect(() => buildScriptInvocation(BODY, { Name: value })).toThrow(QuotingError);
    try {
      buildScriptInvocation(BODY, { Name: value });
    } catch (error) {
      expect((error as QuotingError).code).toBe(code);
      expect((error as Error).message).not.toContain('Stop-Computer');
    }
  });

  test('numbers, booleans and arrays keep their type', () => {
    const args = { Count: 5, Offset: -3, Zero: 0, Live: true, Wait: false, Nodes: ['n1', 'n2'], None: [] };
    const text = buildScriptInvocation(BODY, args);
    expect(text).toContain(' -Live:$true -Wait:$false');
    expect(parseScriptInvocation(text).args).toEqual(args);
  });

  test('the prelude comes first and the body is invoked as a script block', () => {
    const text = buildScriptInvocation('Get-Date', { Name: 'x' });
    expect(text.startsWith(INVOCATION_PRELUDE)).toBe(true);
    expect(INVOCATION_PRELUDE).toContain("$ProgressPreference = 'SilentlyContinue'");
    expect(INVOCATION_PRELUDE).toContain("$ErrorActionPreference = 'Stop'");
    expect(text.slice(INVOCATION_PRELUDE.length)).toBe("& {\nGet-Date\n} -Name 'x'");
  });

  test('an empty body and no arguments round-trip', () => {
    expect(parseScriptInvocation(buildScriptInvocation('', {}))).toEqual({ helpers: '', body: '', args: {} });
  });

  test.each(['a-b', '1a', '', 'na me', '_x', 'ünï', 'x;y', 'Name:'])('refuses the parameter name %j', (name) => {
    expect(() => buildScriptInvocation(BODY, { [name]: 'v' })).toThrow(
      expect.objectContaining({ code: 'invalid-parameter-name' }),
    );
  });
});

const HELPERS = ['function Get-Helped {', '  param($x)', '  & { "helped $x" }', '}', '# a body-like line inside: }'].join('\n');

describe('helpers sent before the script block', () => {
  test('come between the prelude and the block, at script scope, so the block can call them', () => {
    const text = buildScriptInvocation('Get-Helped 1', { Name: 'x' }, HELPERS);
    expect(text).toBe(`${INVOCATION_PRELUDE}${HELPERS}\n& {\nGet-Helped 1\n} -Name 'x'`);
  });

  test('round-trip apart from the body, which stays exactly the script', () => {
    const parsed = parseScriptInvocation(buildScriptInvocation(BODY, { Name: "o'brien" }, HELPERS));
    expect(parsed).toEqual({ helpers: HELPERS, body: BODY, args: { Name: "o'brien" } });
  });

  test('a body that itself holds a line `& {` is still read whole', () => {
    const body = `${BODY}\n& {\n  Get-Date\n}`;
    const parsed = parseScriptInvocation(buildScriptInvocation(body, { Name: 'x' }, HELPERS));
    expect([parsed.helpers, parsed.body]).toEqual([HELPERS, body]);
  });

  test('empty helpers are the same as none', () => {
    expect(buildScriptInvocation(BODY, {}, '')).toBe(buildScriptInvocation(BODY, {}));
  });

  test.each([
    ['a line `& {` in the middle', 'function A { 1 }\n& {\n2\n}', 2],
    ['a last line `& {`', 'function A { 1 }\n& {', 2],
    ['a first line `& {`', '& {\n}', 1],
  ])('with %s are refused: the text would be ambiguous', (_label, helpers, line) => {
    expect(() => buildScriptInvocation(BODY, {}, helpers)).toThrow(InvalidHelpersError);
    expect(() => buildScriptInvocation(BODY, {}, helpers)).toThrow(expect.objectContaining({ line }));
  });

  test('text whose helpers are never followed by a script block is not an invocation', () => {
    expect(() => parseScriptInvocation(`${INVOCATION_PRELUDE}${HELPERS}\nGet-Helped 1`)).toThrow(
      expect.objectContaining({ code: 'not-an-invocation' }),
    );
  });
});

const HEAD = `${INVOCATION_PRELUDE}& {\n${BODY}\n}`;

describe('parseScriptInvocation reads literals as PowerShell does', () => {
  test.each([
    [" -A 'it''s'", "it's"],
    [" -A 'a\u2019\u2019b'", 'a\u2019b'],
    [" -A 'a\u2019'b'", "a'b"],
    [' -A \u2018abc\u2019', 'abc'],
    [" -A:'x'", 'x'],
    [' -A:$TRUE', true],
    [' -A $False', false],
    [' -A (-12)', -12],
    ['\t-A\t7', 7],
    [" -A @( 'a' , 2 , $false )", ['a', 2, false]],
    [' -A @()', []],
  ])('%j gives %j', (tail, value) => {
    expect(parseScriptInvocation(HEAD + tail).args.A).toEqual(value);
  });

  test('a typographic quote closes a string: what follows is another parameter', () => {
    expect(parseScriptInvocation(`${HEAD} -A 'abc\u2019 -B 'x'`).args).toEqual({ A: 'abc', B: 'x' });
  });

  test.each([
    [' -A "x"', 'not-a-literal'],
    [' -A \u201Cx\u201D', 'not-a-literal'],
    [' -A "$(calc)"', 'not-a-literal'],
    [' -A $(calc)', 'not-a-literal'],
    [' -A ${x}', 'not-a-literal'],
    [' -A $env:x', 'not-a-literal'],
    [' -A $true.ToString()', 'unexpected-character'],
    [' -A bareword', 'unexpected-character'],
    [" -A 'x'; calc", 'unexpected-character'],
    [" -A 'x' ; calc", 'unexpected-character'],
    [" -A 'x' | calc", 'unexpected-character'],
    [" -A 'x' & calc", 'unexpected-character'],
    [" -A 'x' # comment", 'unexpected-character'],
    [" -A `'x`'", 'unexpected-character'],
    [" -A 'x'+'y'", 'unexpected-character'],
    [" -A 'x','y'", 'unexpected-character'],
    [" -A 'x'\nStop-Computer", 'unexpected-character'],
    [" \u2013A 'x'", 'unexpected-character'],
    [" -A @('a' 'b')", 'unexpected-character'],
    [" -A @('a',)", 'unexpected-character'],
    [" -A @('a',@('b'))", 'nested-array'],
    [" -A @('a'", 'missing-value'],
    [' -A 5kb', 'invalid-number'],
    [' -A 0x10', 'invalid-number'],
    [' -A 1.5', 'invalid-number'],
    [' -A 1e3', 'invalid-number'],
    [' -A 007', 'invalid-number'],
    [' -A 99999999999999999999', 'invalid-number'],
    [' -A -5', 'missing-value'],
    [' -A', 'missing-value'],
    [' -A:', 'missing-value'],
    [" -A 'unterminated", 'unterminated-string'],
    [" -A 'x' -a 'y'", 'duplicate-parameter'],
    [" -A\u00A0'x'", 'invalid-parameter'],
    [" -1 'x'", 'invalid-parameter'],
  ])('%j is a parse error (%s)', (tail, code) => {
    expect(() => parseScriptInvocation(HEAD + tail)).toThrow(expect.objectContaining({ code }));
  });

  test('the parse error says where', () => {
    try {
      parseScriptInvocation(`${HEAD} -A 'x' | calc`);
      throw new Error('expected a parse error');
    } catch (error) {
      expect(error).toBeInstanceOf(InvocationParseError);
      expect((error as InvocationParseError).position).toBe(HEAD.length + 8);
    }
  });

  test('text without the prelude, or with a second statement before it, is not an invocation', () => {
    expect(() => parseScriptInvocation(`& {\n${BODY}\n} -A 'x'`)).toThrow(
      expect.objectContaining({ code: 'not-an-invocation' }),
    );
    expect(() => parseScriptInvocation(`calc\n${HEAD} -A 'x'`)).toThrow(
      expect.objectContaining({ code: 'not-an-invocation' }),
    );
  });

  test('text smuggled across lines lands in the body, which then matches no known script', () => {
    const parsed = parseScriptInvocation(`${HEAD} -A 'x\n} -B 'y'`);
    expect(parsed.body).not.toBe(BODY);
    expect(parsed.args).toEqual({ B: 'y' });
  });
});
