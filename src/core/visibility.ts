/**
 * @module visibility: which clusters' requests, jobs and audit entries a person may read in
 * one conversation. A cluster is visible when the person holds at least the viewer role on it
 * and the conversation may use it. Everything else reads as if it did not exist: filtering
 * happens where requests and audit entries are read, so no command can forget it.
 */
import { roleAtLeast, type Access } from './access.js';
import type { AuditEntry } from './audit.js';
import type { Actor, Where } from './chat.js';
import { conversationAllowed, type BotPolicy } from './policy.js';
import type { OperationRequest } from './requests.js';

export interface Visibility {
  /** May this person read about this cluster here? Fails closed for unknown people and clusters. */
  canSee(cluster: string | undefined): boolean;
  /** The requests among these that the person may see. */
  requests(all: readonly OperationRequest[]): OperationRequest[];
  /**
   * May the person see this audit entry? An entry that names no cluster (a refusal, say) is
   * shown only to someone who may see every configured cluster.
   */
  entry(entry: AuditEntry): boolean;
}

export interface VisibilityOptions {
  access: Pick<Access, 'roleOf'>;
  policy: BotPolicy;
  clusters: readonly string[];
  actor: Actor;
  where: Where;
}

export function createVisibility(o: VisibilityOptions): Visibility {
  const known = new Set(o.clusters);
  const canSee = (cluster: string | undefined): boolean =>
    cluster !== undefined &&
    known.has(cluster) &&
    roleAtLeast(o.access.roleOf(o.actor, cluster), 'viewer') &&
    conversationAllowed(o.policy, cluster, o.where);
  const seesAll = o.clusters.length > 0 && o.clusters.every(canSee);
  return {
    canSee,
    requests: (all) => all.filter((r) => canSee(r.cluster)),
    entry: (e) => (e.cluster === undefined ? seesAll : canSee(e.cluster)),
  };
}

/** The engine's own view for a running job: its own cluster only. */
export function clusterOnly(cluster: string): Visibility {
  const canSee = (c: string | undefined) => c === cluster;
  return { canSee, requests: (all) => all.filter((r) => canSee(r.cluster)), entry: (e) => canSee(e.cluster) };
}
