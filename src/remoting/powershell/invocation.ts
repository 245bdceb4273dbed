/**
 * @module remoting/powershell/invocation: how a script body and its arguments become one
 * PowerShell script (a fixed prelude, the script's helper functions if any, then
 * `& { body } -Name 'literal' …`), and the reverse for the simulator's server.
 */
import { InvalidHelpersError, InvalidParameterNameError, InvocationParseError } from './errors.js';
import { parseArgumentLine } from './literal-parser.js';
import { renderArgument, type ArgumentValue } from './quote.js';

/**
 * Lines run before every script. Progress records would otherwise arrive as CLIXML on stderr;
 * errors stop the script (so they reach the exit code) and are shown in the view that names
 * their FullyQualifiedErrorId (5.1's default; PowerShell 7's ConciseView omits it); stdout is
 * written as UTF-8 without a BOM.
 * Setting the console encoding can fail in some WinRM sessions ("The handle is invalid"); the
 * shell's code page (WINRS_CODEPAGE 65001) is then what makes stdout UTF-8, so that failure is
 * ignored on purpose.
 */
export const INVOCATION_PRELUDE =
  "$ProgressPreference = 'SilentlyContinue'\n" +
  "$ErrorActionPreference = 'Stop'\n" +
  "$global:ErrorView = 'NormalView'\n" +
  // Written short (it rides on every command line, and list-nodes must still fit inline).
  'try{[Console]::OutputEncoding=[Text.UTF8Encoding]::new(0)}catch{}\n';

const BLOCK_OPEN_LINE = '& {';
const BLOCK_OPEN = `${BLOCK_OPEN_LINE}\n`;
const BLOCK_CLOSE = '\n}';
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export interface ParsedInvocation {
  /** The helper functions sent before the script block ('' when none were). */
  readonly helpers: string;
  readonly body: string;
  readonly args: Readonly<Record<string, ArgumentValue>>;
}

/**
 * The prelude, the helpers (functions defined at script scope, so the script block sees them),
 * then the body as a script block invoked with its arguments as literals. Booleans are written
 * `-Name:$true`, which binds both `[bool]` and `[switch]` parameters. Throws a QuotingError
 * (nothing built) for a bad parameter name or value, and an InvalidHelpersError for helpers
 * holding a line `& {`, which would make the text ambiguous.
 */
export function buildScriptInvocation(
  scriptBody: string,
  args: Readonly<Record<string, ArgumentValue>>,
  helpers = '',
): string {
  const rendered = Object.entries(args).map(([name, value]) => {
    if (!PARAMETER_NAME.test(name)) throw new InvalidParameterNameError(name);
    return typeof value === 'boolean' ? ` -${name}:${renderArgument(value)}` : ` -${name} ${renderArgument(value)}`;
  });
  const opening = helpers.split('\n').indexOf(BLOCK_OPEN_LINE);
  if (opening >= 0) throw new InvalidHelpersError(opening + 1);
  const helperLines = helpers === '' ? '' : `${helpers}\n`;
  return `${INVOCATION_PRELUDE}${helperLines}${BLOCK_OPEN}${scriptBody}${BLOCK_CLOSE}${rendered.join('')}`;
}

/**
 * Reads text made by buildScriptInvocation: the exact prelude, the helpers up to the first line
 * that is `& {` (none when that line comes right after the prelude), the body, and a last line
 * `}` followed only by `-Name <literal>` pairs, read with PowerShell's rules for literals. Anything
 * else is an InvocationParseError.
 *
 * The body is returned verbatim and is taken to be a well-formed script (one whose braces and
 * strings close): the caller must match it exactly against a script it knows before acting on
 * the arguments, since for an unbalanced body PowerShell would read the text differently.
 */
export function parseScriptInvocation(text: string): ParsedInvocation {
  if (!text.startsWith(INVOCATION_PRELUDE)) {
    throw new InvocationParseError('not-an-invocation', 0, 'text does not start with the invocation prelude');
  }
  const { helpers, blockStart } = readHelpers(text);
  const bodyStart = blockStart + BLOCK_OPEN.length;
  const close = text.lastIndexOf(BLOCK_CLOSE);
  if (close < bodyStart - 1) {
    throw new InvocationParseError('not-an-invocation', text.length, 'the script block is not closed');
  }
  const body = close < bodyStart ? '' : text.slice(bodyStart, close);
  const argsStart = close + BLOCK_CLOSE.length;
  return { helpers, body, args: parseArgumentLine(text, argsStart) };
}

/** The helpers between the prelude and the first line `& {`, and where that line starts. */
function readHelpers(text: string): { helpers: string; blockStart: number } {
  const start = INVOCATION_PRELUDE.length;
  if (text.startsWith(BLOCK_OPEN, start)) return { helpers: '', blockStart: start };
  const newline = text.indexOf(`\n${BLOCK_OPEN}`, start);
  if (newline < 0) throw new InvocationParseError('not-an-invocation', start, 'no script block follows the prelude');
  return { helpers: text.slice(start, newline), blockStart: newline + 1 };
}
