/** @module cli/args: command-line flags with node:util parseArgs; every mistake is a CliUsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './errors.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** Words among the flags, before any `--`. */
  readonly positionals: readonly string[];
  /** Everything after `--`, taken as it is. */
  readonly rest: readonly string[];
}

export function parseFlags(argv: readonly string[], options: FlagSpec, usage: string): ParsedFlags {
  try {
    const { values, tokens } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
    const terminator = tokens.find((t) => t.kind === 'option-terminator')?.index ?? argv.length;
    const positionals = tokens.filter((t) => t.kind === 'positional' && t.index < terminator).map((t) => (t.kind === 'positional' ? t.value : ''));
    return { values: values as ParsedFlags['values'], positionals, rest: argv.slice(terminator + 1) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    throw new CliUsageError((error as Error).message, usage);
  }
}

export function stringFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A whole number within [min, max], or the default. */
export function integerFlag(flags: ParsedFlags, name: string, fallback: number, min: number, max: number, usage: string): number {
  const text = stringFlag(flags, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}`, usage);
  return value;
}

/** The value of the environment variable named by `--password-env`. */
export function passwordFrom(env: Readonly<Record<string, string | undefined>>, variable: string | undefined, usage: string): string {
  if (!variable) throw new CliUsageError('--password-env VAR is required: the password is read from that environment variable', usage);
  const value = env[variable];
  if (!value) throw new CliUsageError(`the environment variable ${variable} (from --password-env) is not set or empty`, usage);
  return value;
}
