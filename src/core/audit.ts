/**
 * @module audit: the audit log port. Every request, decision and job outcome is appended;
 * entries name people by platform id and display name, operations and their arguments,
 * never secrets.
 */
import type { Actor } from './chat.js';

export type AuditEvent =
  | 'requested'
  | 'approved'
  | 'denied'
  | 'cancelled'
  | 'expired'
  | 'refused'
  | 'job-started'
  | 'job-succeeded'
  | 'job-failed'
  | 'job-cancelled'
  /** An entry written just before a state write that then failed: what it records did not happen. */
  | 'not-saved';

export interface AuditEntry {
  at: string;
  event: AuditEvent;
  requestId?: number;
  cluster?: string;
  command?: string;
  args?: Record<string, unknown>;
  /** The command as it was typed (on `requested`), which is how the audit shows it. */
  text?: string;
  actor?: Pick<Actor, 'platform' | 'id' | 'name'>;
  detail?: string;
  /** The actor's role and the entry or group that granted it: why this person could do this. */
  grant?: string;
}

export interface AuditQuery {
  /** Entries that name this VM, node or user (case-insensitive) in their arguments, actor or detail. */
  about?: string;
  /** Only entries at or after this time (ms since the epoch). */
  since?: number;
  /** At most this many, the most recent (default 20). */
  limit?: number;
  /** Only entries about this request or job. */
  requestId?: number;
  /** Only entries the reader may see (applied before the limit). */
  visible?: (entry: AuditEntry) => boolean;
}

/** What a read of the log found: the entries asked for, and how many lines in the part read were no entry. */
export interface AuditPage {
  /** Newest last. */
  entries: AuditEntry[];
  /** Lines that are no entry (torn by a failed append, or edited): reported, never skipped silently. */
  unreadable: number;
}

export interface AuditLog {
  /**
   * Writes the entry durably (flushed to the disk) before it resolves, or throws having kept
   * nothing of it: AuditNotWrittenError (core/errors), or StateNotSavedError when the chain head
   * could not be kept beside the state. Callers write the entry first and act only after.
   */
  append(entry: AuditEntry): Promise<void>;
  recent(query: AuditQuery): Promise<AuditPage>;
}

export function matchesAudit(entry: AuditEntry, query: AuditQuery): boolean {
  if (query.since !== undefined && Date.parse(entry.at) < query.since) return false;
  if (query.requestId !== undefined && entry.requestId !== query.requestId) return false;
  if (query.visible && !query.visible(entry)) return false;
  if (!query.about) return true;
  const wanted = query.about.toLowerCase();
  const values = [entry.actor?.name, entry.actor?.id, entry.detail, ...Object.values(entry.args ?? {}).map(String)];
  return values.some((v) => v !== undefined && v.toLowerCase() === wanted) || (entry.detail ?? '').toLowerCase().includes(wanted);
}
