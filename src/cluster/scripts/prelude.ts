/**
 * @module cluster/scripts/prelude: prelude.ps1 read as its functions, and the ones a script needs.
 * A script is sent with the helpers it calls (and those they call), in the prelude's order, each
 * function's code as in the file less its comment lines: the wire carries only code that may
 * run, and stays small enough for the command line where it can (a script that no longer fits
 * costs a WinRS Send, one more round trip).
 */

export interface PreludeFunction {
  readonly name: string;
  /** From `function Name {` to its closing `}` at the start of a line, without the lines that are only a comment. */
  readonly text: string;
}

const FUNCTION = /^function ([A-Za-z]+-[A-Za-z]+) \{\r?\n[\s\S]*?\r?\n\}$/gm;
/** A line that is only a `#` comment (the prelude has no here-strings, where such a line would be text). */
const COMMENT_LINE = /^[ \t]*#.*(\r?\n|$)/gm;

/** The functions of prelude.ps1 (it defines functions only: a `}` at column 0 ends each one). */
export function preludeFunctions(prelude: string): PreludeFunction[] {
  return [...prelude.matchAll(FUNCTION)].map((match) => ({ name: match[1] ?? '', text: match[0].replace(COMMENT_LINE, '') }));
}

function calls(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\w-])${name}($|[^\\w-])`, 'im').test(text);
}

/** The helpers `body` calls, directly or through another helper, joined in the prelude's order. */
export function helpersFor(body: string, functions: readonly PreludeFunction[]): string {
  const needed = new Set<string>();
  let texts = [body];
  while (texts.length > 0) {
    const found = functions.filter((f) => !needed.has(f.name) && texts.some((text) => calls(text, f.name)));
    for (const f of found) needed.add(f.name);
    texts = found.map((f) => f.text);
  }
  return functions.filter((f) => needed.has(f.name)).map((f) => f.text).join('\n\n');
}
