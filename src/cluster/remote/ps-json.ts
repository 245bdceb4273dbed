/**
 * @module cluster/remote/ps-json: reading what a script printed. Exactly one JSON document on
 * stdout, checked with zod, with the tolerance Windows PowerShell 5.1's ConvertTo-Json calls
 * for: a lone object (or nothing) where a list is expected, enums as numbers, dates as
 * `\/Date(ms)\/`, numbers as strings.
 */
import { z } from 'zod';
import { ClusterError } from '../errors.js';
import { enumName, type EnumName, type EnumTable } from './enum-tables.js';

/** A list: `[…]`, a lone object (5.1 unwraps one-item arrays in a pipeline), or null/nothing for none. */
export function psArray<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** An enum given as a name (any case) or as its number; unknown values become `fallback`. */
export function psEnum<T extends EnumTable>(table: T, fallback: EnumName<T>) {
  return z.union([z.string(), z.number()]).transform((value) => enumName(table, value, fallback));
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A number, also when it came as a numeric string. */
export const psNumber = z.union([z.number(), z.string().regex(NUMERIC).transform(Number)]);

/** A boolean, also as `True`/`False`. */
export const psBoolean = z.union([
  z.boolean(),
  z.enum(['True', 'False', 'true', 'false']).transform((value) => value.toLowerCase() === 'true'),
]);

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Milliseconds since the epoch from `\/Date(1326441600000)\/` (5.1's DateTime; JSON.parse has
 * already turned `\/` into `/`), an ISO 8601 string with up to 7 fractional digits (`.ToString('o')`),
 * or a number. Undefined when it is none of those.
 */
export function parsePsDate(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const ms = MS_DATE.exec(value.trim());
  if (ms) return Number(ms[1]);
  const iso = ISO_DATE.exec(value.trim());
  if (!iso) return undefined;
  const fraction = (iso[2] ?? '.0').slice(0, 4).padEnd(4, '0');
  const parsed = Date.parse(`${iso[1]}${fraction}${iso[3] ?? 'Z'}`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export const psDate = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parsePsDate(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is not a date' });
    return z.NEVER;
  }
  return ms;
});

/** `schema` that also takes null and a missing key (as undefined). */
export function nullable<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}

function describeIssue(issue: z.ZodError['issues'][number]): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return `${path || '(root)'} ${issue.message}`;
}

/**
 * The one JSON document a script printed, checked against `schema`. Empty stdout is read as
 * null (a 5.1 pipeline with nothing in it prints nothing). A ClusterError (operation-failed)
 * otherwise; the message names the script and the first problem, never the output itself.
 */
export function parseScriptOutput<T>(script: string, stdout: string, schema: z.ZodType<T>): T {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ClusterError('operation-failed', `the ${script} script did not print one JSON document`, { script });
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const problem = first ? describeIssue(first) : 'unexpected output';
    throw new ClusterError('operation-failed', `the ${script} script printed an unexpected shape: ${problem}`, { script });
  }
  return parsed.data;
}
