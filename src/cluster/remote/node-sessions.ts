/**
 * @module cluster/remote/node-sessions: the bot's own session to each node of a cluster, pooled:
 * one warm connection per node, opened on the first operation that concerns that node and kept
 * (WinRS shells or a PSRP runspace pool, whichever `open` makes). The entry is the configured
 * endpoint; a node's endpoint is its override in the configuration, else derived from its name
 * (node-endpoints.ts). Two names that lead to one endpoint share its session.
 */
import type { ClusterOperationRunner } from './operation-runner.js';

export interface NodeSession {
  readonly runner: ClusterOperationRunner;
  close(): Promise<void>;
}

export interface NodeSessionsOptions {
  /** The configured endpoint: the bot's entry to the cluster. */
  readonly entryEndpoint: string;
  /** The endpoint of a node, by the cluster's name for it. */
  endpointFor(node: string): string;
  /** Opens a session to an endpoint (no network traffic until its first operation). */
  open(endpoint: string): NodeSession;
}

export interface NodeSessions {
  readonly entry: ClusterOperationRunner;
  /** The session to `node`, made on first use. */
  node(name: string): ClusterOperationRunner;
  /** The endpoints with a session so far, the entry's first. */
  endpoints(): readonly string[];
  close(): Promise<void>;
}

export function createNodeSessions(options: NodeSessionsOptions): NodeSessions {
  const sessions = new Map<string, NodeSession>();
  const at = (endpoint: string): NodeSession => {
    const key = endpoint.toLowerCase();
    let session = sessions.get(key);
    if (!session) {
      session = options.open(endpoint);
      sessions.set(key, session);
    }
    return session;
  };
  const entry = at(options.entryEndpoint).runner;
  return {
    entry,
    node: (name) => at(options.endpointFor(name)).runner,
    endpoints: () => [...sessions.keys()],
    async close() {
      await Promise.all([...sessions.values()].map((s) => s.close()));
      sessions.clear();
    },
  };
}
