/** @module policy: the approval and progress rules, as data from the config. */
import type { Risk } from './command-spec.js';

export interface ClusterPolicy {
  /** Approvals needed by risk; `read` never needs any. */
  approvals: { change: number; disruptive: number };
}

export interface BotPolicy {
  clusters: Record<string, ClusterPolicy>;
  requestTtlMs: number;
  progressIntervalMs: number;
  pollMs: number;
}

export const DEFAULT_CLUSTER_POLICY: ClusterPolicy = { approvals: { change: 1, disruptive: 2 } };

export function approvalsNeeded(policy: BotPolicy, cluster: string, risk: Risk): number {
  if (risk === 'read') return 0;
  const rules = policy.clusters[cluster] ?? DEFAULT_CLUSTER_POLICY;
  // Fail closed: a missing or nonsensical number still needs one approval.
  const n = rules.approvals[risk];
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
