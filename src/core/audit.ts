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
  actor?: Pick<Actor, 'platform' | 'id' | 'name'>;
  detail?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}
