/**
 * @module job-audit: what a job writes to the audit log as it starts (what runs, and who let it),
 * and what its thread says when its outcome could not be written.
 */
import type { AuditEntry } from './audit.js';
import { AuditNotWrittenError, StateNotSavedError } from './errors.js';
import { describeFailure } from './failure.js';
import type { Logger } from './logger.js';
import type { OperationRequest } from './requests.js';

/** What the thread says when a finished job's outcome could not be written: the job is done either way. */
export function outcomeNotAudited(error: unknown, logger: Logger): string {
  if (error instanceof AuditNotWrittenError || error instanceof StateNotSavedError) {
    logger.error({ errno: error.errno }, 'job outcome not audited');
    return `⚠ This outcome is not in the audit log: I could not write it (${error.reason}, ${error.errno}). Tell whoever runs the bot.`;
  }
  return `⚠ This outcome is not in the audit log: ${describeFailure(error, logger, 'job outcome not audited').text}`;
}

/** The entry a job writes before it claims its request: what runs, and who let it. */
export function startedEntry(request: OperationRequest, at: number): AuditEntry {
  const grant = [request.requesterGrant && `requested as ${request.requesterGrant}`, ...request.approvals.map((a) => a.grant && `approved by ${a.actor.name} as ${a.grant}`)]
    .filter(Boolean)
    .join('; ');
  return { at: new Date(at).toISOString(), event: 'job-started', requestId: request.id, cluster: request.cluster, command: request.command, args: request.args, ...(grant ? { grant } : {}) };
}
