/**
 * @module remoting/powershell/invocation: how a script body and its arguments become one
 * PowerShell script (a fixed prelude, then `& { body } -Name 'literal' …`), and the reverse for
 * the simulator's server.
 */
import { InvalidParameterNameError, InvocationParseError } from './errors.js';
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
  'try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }\n';

const BLOCK_OPEN = '& {\n';
const BLOCK_CLOSE = '\n}';
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export interface ParsedInvocation {
  readonly body: string;
  readonly args: Readonly<Record<string, ArgumentValue>>;
}

/**
 * The prelude, then the body as a script block invoked with its arguments as literals. Booleans
 * are written `-Name:$true`, which binds both `[bool]` and `[switch]` parameters. Throws a
 * QuotingError (nothing built) for a bad parameter name or value.
 */
export function buildScriptInvocation(scriptBody: string, args: Readonly<Record<string, ArgumentValue>>): string {
  const rendered = Object.entries(args).map(([name, value]) => {
    if (!PARAMETER_NAME.test(name)) throw new InvalidParameterNameError(name);
    return typeof value === 'boolean' ? ` -${name}:${renderArgument(value)}` : ` -${name} ${renderArgument(value)}`;
  });
  return `${INVOCATION_PRELUDE}${BLOCK_OPEN}${scriptBody}${BLOCK_CLOSE}${rendered.join('')}`;
}

/**
 * Reads text made by buildScriptInvocation: the exact prelude, `& {`, the body, and a last line
 * `}` followed only by `-Name <literal>` pairs, read with PowerShell's rules for literals. Anything
 * else is an InvocationParseError.
 *
 * The body is returned verbatim and is taken to be a well-formed script (one whose braces and
 * strings close): the caller must match it exactly against a script it knows before acting on
 * the arguments, since for an unbalanced body PowerShell would read the text differently.
 */
export function parseScriptInvocation(text: string): ParsedInvocation {
  const head = INVOCATION_PRELUDE + BLOCK_OPEN;
  if (!text.startsWith(head)) {
    throw new InvocationParseError('not-an-invocation', 0, 'text does not start with the invocation prelude');
  }
  const close = text.lastIndexOf(BLOCK_CLOSE);
  if (close < head.length - 1) {
    throw new InvocationParseError('not-an-invocation', text.length, 'the script block is not closed');
  }
  const body = close < head.length ? '' : text.slice(head.length, close);
  const argsStart = close + BLOCK_CLOSE.length;
  return { body, args: parseArgumentLine(text, argsStart) };
}
