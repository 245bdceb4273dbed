/**
 * @module cli/check-nodes: the part of `check` that reaches every node of a cluster through the
 * bot's own session to it (as its operations do: no second hop), and says for each how the bot
 * authenticated there, or why it could not reach it. A node the cluster reports down is named,
 * not contacted.
 */
import type { ClusterNode } from '../cluster/cluster.js';
import { ClusterError } from '../cluster/errors.js';
import type { NodeReach } from '../composition/clusters.js';
import type { AuthReport } from '../composition/remote-auth.js';

/** How `check` names an authentication scheme. */
export const schemeNames = { basic: 'Basic', ntlm: 'NTLM', kerberos: 'Kerberos', negotiate: 'Negotiate' } as const;

export interface NodeCheckLine {
  readonly ok: boolean;
  readonly text: string;
}

/** Why a step failed: a cluster error in its own words, anything else with its name. */
export function reason(error: unknown): string {
  if (error instanceof ClusterError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** One line per node: `✓ node2 at URL: Kerberos`, `✗ node3 at URL: why`, `- node4: down …`. */
export async function checkNodes(nodes: readonly ClusterNode[], reach: NodeReach, auth?: () => AuthReport): Promise<NodeCheckLine[]> {
  const tried = await Promise.all(nodes.map(async (node) => {
    if (node.state === 'Down') return { node, endpoint: undefined, error: undefined, down: true };
    let endpoint: string | undefined;
    try {
      endpoint = reach.endpointOf(node.name);
      await reach.reach(node.name);
      return { node, endpoint, error: undefined, down: false };
    } catch (error) {
      return { node, endpoint, error: reason(error), down: false };
    }
  }));
  const used = auth?.().nodes ?? {};
  const usedAt = (endpoint: string) => Object.entries(used).find(([at]) => at.toLowerCase() === endpoint.toLowerCase())?.[1];
  return tried.map(({ node, endpoint, error, down }) => {
    if (down) return { ok: true, text: `- ${node.name}: down in the cluster, not contacted` };
    const where = endpoint ? ` at ${endpoint}` : '';
    if (error !== undefined) return { ok: false, text: `✗ ${node.name}${where}: ${error}` };
    const use = endpoint ? usedAt(endpoint) : undefined;
    const how = use ? `${schemeNames[use.used]}${use.fallbackReason ? ` (negotiate fell back: ${use.fallbackReason})` : ''}` : 'reached (connection already open)';
    return { ok: true, text: `✓ ${node.name}${where}: ${how}` };
  });
}
