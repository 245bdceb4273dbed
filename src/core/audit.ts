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
  | 'job-cancelled';

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

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Recent entries, newest last. */
  recent(query: AuditQuery): Promise<AuditEntry[]>;
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
