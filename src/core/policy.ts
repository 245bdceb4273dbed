/** @module policy: the approval and progress rules, as data from the config. */
import type { Risk } from './command-spec.js';

export interface ConversationRef {
  platform: string;
  conversation: string;
}

export interface ClusterPolicy {
  /** Approvals needed by risk; `read` never needs any. */
  approvals: { change: number; disruptive: number };
  /** When set, the cluster may be used only from these conversations ("#ops-prod may operate prod-a"). */
  conversations?: ConversationRef[];
}

export interface BotPolicy {
  clusters: Record<string, ClusterPolicy>;
  requestTtlMs: number;
  progressIntervalMs: number;
  pollMs: number;
  /** How long a delivery id is remembered to drop platform retries (default 1 hour). */
  deliveryTtlMs?: number;
}

export const DEFAULT_CLUSTER_POLICY: ClusterPolicy = { approvals: { change: 1, disruptive: 2 } };

export function approvalsNeeded(policy: BotPolicy, cluster: string, risk: Risk): number {
  if (risk === 'read') return 0;
  const rules = policy.clusters[cluster] ?? DEFAULT_CLUSTER_POLICY;
  // Fail closed: a missing or nonsensical number needs the default (never fewer than one).
  const n = rules.approvals[risk];
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_CLUSTER_POLICY.approvals[risk];
}

/** Fails closed: a cluster bound to conversations answers nowhere else. */
export function conversationAllowed(policy: BotPolicy, cluster: string, where: ConversationRef): boolean {
  const bound = policy.clusters[cluster]?.conversations;
  if (!bound || bound.length === 0) return true;
  return bound.some((c) => c.platform === where.platform && c.conversation === where.conversation);
}
