/**
 * @module requests: an operation request and the job it becomes, as stored. One record,
 * one id (#7 is both the request people approve and the job that runs).
 */
import type { Actor, Block, Fact, MessageRef, Where } from './chat.js';
import type { Risk } from './command-spec.js';

export type RequestState =
  | 'pending'
  | 'approved'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'denied'
  | 'expired';

/** States in which a request holds its VMs and nodes. */
export const ACTIVE_STATES: readonly RequestState[] = ['pending', 'approved', 'running'];
export const FINAL_STATES: readonly RequestState[] = ['succeeded', 'failed', 'cancelled', 'denied', 'expired'];

export interface Decision {
  actor: Actor;
  at: number;
  reason?: string;
  /** The role the decider held and the entry or group it came from, e.g. `approver (group ldap:Hyper-V Administrators)`. */
  grant?: string;
}

export interface JobRecord {
  startedAt: number;
  finishedAt?: number;
  percent: number;
  phase: string;
  /** The thread's progress message, updated in place. */
  progressRef?: MessageRef;
  summary?: string;
  facts?: Fact[];
  /** The job's own notes on what it has started, for a restart (RunContext.saveCheckpoint). */
  checkpoint?: unknown;
  /** How many times the bot picked the job up again after a restart. */
  resumed?: number;
  /** Its outcome is written and not yet announced (job-outcome.ts): whoever runs the job next announces it. */
  announcing?: boolean;
}

export interface OperationRequest {
  id: number;
  cluster: string;
  command: string;
  args: Record<string, unknown>;
  text: string;
  risk: Risk;
  summary: string;
  facts: Fact[];
  /** What the preflight showed besides the facts (a drain's plan); kept so every version of the card shows it. */
  details?: Block[];
  holds: string[];
  requester: Actor;
  /** The role the requester held and where it came from, as recorded when the request was made. */
  requesterGrant?: string;
  where: Where;
  /** The approval card: its thread carries the progress. */
  cardRef?: MessageRef;
  state: RequestState;
  requiredApprovals: number;
  approvals: Decision[];
  denial?: Decision;
  cancellation?: Decision;
  createdAt: number;
  expiresAt: number;
  job?: JobRecord;
}

export function isActive(request: OperationRequest): boolean {
  return ACTIVE_STATES.includes(request.state);
}
