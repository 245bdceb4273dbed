/**
 * @module audit-line: one line of the audit file as an entry, or undefined when it is none
 * (torn, edited, or JSON of another shape). Reading never trusts a line's shape: a `null` or
 * an entry whose fields have the wrong types is skipped here, not met by a TypeError later.
 */
import type { AuditEntry } from '../core/audit.js';

const OPTIONAL_STRINGS = ['cluster', 'command', 'detail'] as const;

export function parseAuditLine(line: string): AuditEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isEntry(value) ? value : undefined;
}

function isEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (typeof e.at !== 'string' || typeof e.event !== 'string') return false;
  if (e.requestId !== undefined && typeof e.requestId !== 'number') return false;
  if (OPTIONAL_STRINGS.some((k) => e[k] !== undefined && typeof e[k] !== 'string')) return false;
  if (e.args !== undefined && (typeof e.args !== 'object' || e.args === null || Array.isArray(e.args))) return false;
  if (e.actor !== undefined) {
    const a = e.actor as Record<string, unknown> | null;
    if (typeof a !== 'object' || a === null || typeof a.name !== 'string' || typeof a.id !== 'string') return false;
  }
  return true;
}
