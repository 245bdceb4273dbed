/**
 * @module remoting/powershell/errors: coded errors of the PowerShell layer, with named fields.
 * Messages never repeat a refused value (it may be hostile or huge): only positions and code points.
 */

/** U+XXXX form of a code point, for messages. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

export type QuotingErrorCode =
  | 'control-character'
  | 'lone-surrogate'
  | 'too-long'
  | 'too-many-items'
  | 'unsafe-number'
  | 'invalid-parameter-name';

/** A value or parameter name that cannot become a PowerShell literal; nothing was built. */
export class QuotingError extends Error {
  override readonly name: string = 'QuotingError';
  constructor(
    readonly code: QuotingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class ControlCharacterError extends QuotingError {
  constructor(
    /** Index (UTF-16 code units) of the character in the value. */
    readonly position: number,
    readonly codePoint: number,
  ) {
    super('control-character', `value contains the control character ${formatCodePoint(codePoint)} at position ${position}`);
  }
}

export class LoneSurrogateError extends QuotingError {
  constructor(
    readonly position: number,
    readonly codeUnit: number,
  ) {
    super('lone-surrogate', `value contains an unpaired surrogate ${formatCodePoint(codeUnit)} at position ${position}`);
  }
}

export class ValueTooLongError extends QuotingError {
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super('too-long', `value is ${length} characters long; the limit is ${limit}`);
  }
}

export class TooManyItemsError extends QuotingError {
  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super('too-many-items', `array has ${count} items; the limit is ${limit}`);
  }
}

export class UnsafeNumberError extends QuotingError {
  constructor(readonly value: number) {
    super('unsafe-number', `number ${String(value).slice(0, 40)} is not a finite safe integer`);
  }
}

export class InvalidParameterNameError extends QuotingError {
  constructor(readonly parameter: string) {
    super('invalid-parameter-name', `parameter name ${JSON.stringify(parameter.slice(0, 64))} is not [A-Za-z][A-Za-z0-9]*`);
  }
}

export type InvocationParseErrorCode =
  | 'not-an-invocation'
  | 'unexpected-character'
  | 'unterminated-string'
  | 'invalid-number'
  | 'invalid-parameter'
  | 'missing-value'
  | 'not-a-literal'
  | 'duplicate-parameter'
  | 'nested-array';

/**
 * Text that is not exactly a script block followed by literal arguments. The simulator answers
 * it as PowerShell would answer a parse error; it never runs any of it.
 */
export class InvocationParseError extends Error {
  override readonly name = 'InvocationParseError';
  constructor(
    readonly code: InvocationParseErrorCode,
    /** Index (UTF-16 code units) in the parsed text. */
    readonly position: number,
    readonly reason: string,
  ) {
    super(`${reason} (at ${position})`);
  }
}

/**
 * Helper text the invocation cannot carry unambiguously: a line that is exactly `& {` would read
 * as the start of the script block. Raised before anything is sent.
 */
export class InvalidHelpersError extends Error {
  override readonly name = 'InvalidHelpersError';
  constructor(
    /** 1-based line of the helpers that is `& {`. */
    readonly line: number,
  ) {
    super(`the helpers contain the line "& {" (line ${line}), which would open the script block`);
  }
}

export type EncodedCommandErrorCode =
  | 'not-powershell'
  | 'no-encoded-command'
  | 'invalid-base64'
  | 'missing-stdin'
  | 'invalid-utf8';

/** A WinRS command line that is not a PowerShell encoded command this layer understands. */
export class EncodedCommandError extends Error {
  override readonly name = 'EncodedCommandError';
  constructor(
    readonly code: EncodedCommandErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One error record as PowerShell reported it (decoded from CLIXML). */
export interface PowerShellErrorRecord {
  /** The error message, with the console's line wrapping undone. */
  readonly message: string;
  /** ErrorCategory name, e.g. `ObjectNotFound`. */
  readonly category?: string;
  readonly fullyQualifiedErrorId?: string;
  readonly targetName?: string;
  readonly targetType?: string;
  /** Usually the exception type, e.g. `CommandNotFoundException`. */
  readonly reason?: string;
  /** The command that failed, e.g. `Get-VM` (empty for a `throw`). */
  readonly activity?: string;
  /** `At line:1 char:1` and the code lines under it, if PowerShell printed them. */
  readonly position?: string;
}

/** A script that failed: a non-zero exit code, with the error records PowerShell wrote. */
export class PowerShellError extends Error {
  override readonly name = 'PowerShellError';
  readonly category: string | undefined;
  readonly fullyQualifiedErrorId: string | undefined;
  readonly targetName: string | undefined;
  constructor(
    message: string,
    readonly exitCode: number,
    readonly errorRecords: readonly PowerShellErrorRecord[],
  ) {
    super(message);
    const first = errorRecords[0];
    this.category = first?.category;
    this.fullyQualifiedErrorId = first?.fullyQualifiedErrorId;
    this.targetName = first?.targetName;
  }
}
