/**
 * @module remoting/powershell/error-view: Windows PowerShell 5.1's error view (what the console
 * host writes to stderr for an error record, one `<S S="Error">` line at a time) read back into
 * fields, and written for the simulator:
 *
 *   Get-VM : Hyper-V was unable to find a virtual machine with name "vm9".
 *   At line:4 char:1
 *   + Get-VM -Name $Name
 *   + ~~~~~~~~~~~~~~~~~~
 *       + CategoryInfo          : InvalidArgument: (vm9:String) [Get-VM], VirtualizationException
 *       + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVM
 */
import type { PowerShellErrorRecord } from './errors.js';

// 5.1 indents the info lines four spaces; PowerShell 7's NormalView does not.
const CATEGORY_LINE = /^\s*\+ CategoryInfo\s*: ?(.*)$/;
const ERROR_ID_LINE = /^\s*\+ FullyQualifiedErrorId\s*: ?(.*)$/;
const INFO_LINE = /^\s*\+ \w+\s*:/;
/** PowerShell 7's console host colours error lines (SGR sequences) even in CLIXML. */
// eslint-disable-next-line no-control-regex -- ESC is exactly what the pattern removes
const SGR = /\u001b\[[0-9;]*m/g;
const POSITION_LINE = /^At .*\bchar:\d+\s*$/;
/** ErrorCategoryInfo.GetMessage: `Category: (TargetName:TargetType) [Activity], Reason`. */
const CATEGORY_INFO = /^(\w+): \((.*):([^:]*)\) \[([^\]]*)\], (.*)$/;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Lines that the console wrapped at its width end in the space where the break fell; joining
 * those without a newline restores the line, other breaks are the message's own.
 */
function unwrap(lines: readonly string[]): string {
  return lines.reduce((text, line, index) => (index === 0 ? line : text.endsWith(' ') ? text + line : `${text}\n${line}`), '').trim();
}

/** `ObjectNotFound: (fake:String) [], CommandNotFoundException` into its fields. */
export function readCategoryInfo(text: string): Partial<PowerShellErrorRecord> {
  const match = CATEGORY_INFO.exec(text);
  if (!match) return { category: text.split(':')[0]?.trim() || undefined };
  const [, category, targetName, targetType, activity, reason] = match;
  return {
    category,
    ...(targetName ? { targetName } : {}),
    ...(targetType ? { targetType } : {}),
    ...(activity ? { activity } : {}),
    ...(reason ? { reason } : {}),
  };
}

/** One record's lines (the trailing blank line removed) into its fields. */
function parseRecord(lines: readonly string[]): PowerShellErrorRecord {
  const infoAt = lines.findIndex((line) => INFO_LINE.test(line));
  const head = infoAt < 0 ? lines : lines.slice(0, infoAt);
  const positionAt = head.findIndex((line) => POSITION_LINE.test(line));
  const record: Writable<PowerShellErrorRecord> = {
    message: unwrap(positionAt < 0 ? head : head.slice(0, positionAt)),
  };
  if (positionAt >= 0) record.position = head.slice(positionAt).join('\n');
  const info = infoAt < 0 ? [] : lines.slice(infoAt);
  for (let i = 0; i < info.length; i++) {
    const line = info[i] ?? '';
    let value = (CATEGORY_LINE.exec(line) ?? ERROR_ID_LINE.exec(line))?.[1];
    if (value === undefined) continue;
    while (i + 1 < info.length && !INFO_LINE.test(info[i + 1] ?? '')) value += info[++i] ?? '';
    if (CATEGORY_LINE.test(line)) Object.assign(record, readCategoryInfo(value.trim()));
    else record.fullyQualifiedErrorId = value.trim();
  }
  return record;
}

/**
 * The error view text of one or more errors (CRLF or LF lines) into records. A record ends at
 * the blank line after its FullyQualifiedErrorId; text without that line is one record.
 */
export function parseErrorView(text: string): PowerShellErrorRecord[] {
  const records: PowerShellErrorRecord[] = [];
  let current: string[] = [];
  let sawErrorId = false;
  const flush = (): void => {
    while (current.length > 0 && (current[current.length - 1] ?? '').trim() === '') current.pop();
    if (current.some((line) => line.trim() !== '')) records.push(parseRecord(current));
    current = [];
    sawErrorId = false;
  };
  for (const line of text.replace(SGR, '').split(/\r?\n/)) {
    if (sawErrorId && line.trim() === '') {
      flush();
      continue;
    }
    if (current.length === 0 && line.trim() === '') continue;
    current.push(line);
    if (ERROR_ID_LINE.test(line)) sawErrorId = true;
  }
  flush();
  return records;
}

/** A record as the 5.1 console host prints it, one line per array item, ending with the blank line. */
export function formatErrorView(record: PowerShellErrorRecord): string[] {
  const lines = record.message.split(/\r?\n/);
  if (record.position) lines.push(...record.position.split(/\r?\n/));
  const target = `(${record.targetName ?? ''}:${record.targetType ?? ''})`;
  const category = `${record.category ?? 'NotSpecified'}: ${target} [${record.activity ?? ''}], ${record.reason ?? 'RuntimeException'}`;
  lines.push(`    + CategoryInfo          : ${category}`);
  lines.push(`    + FullyQualifiedErrorId : ${record.fullyQualifiedErrorId ?? record.reason ?? 'RuntimeException'}`);
  lines.push(' ');
  return lines;
}
