/**
 * @module simulator/node-listeners: each simulated node's own WinRM listener on 127.0.0.1 (a port
 * per node, as each Windows node has its own WinRM service), so that a client reaches a node only
 * through a session to that node. `stop` closes one node's listener: a node whose WinRM no longer
 * answers while the cluster still counts it.
 */
import type { WinrmServer } from './server.js';

export interface NodeListeners {
  /** Each node's WS-Management URL, by the node's name as the cluster spells it. */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Closes one node's listener (connections to it are refused from then on). */
  stop(node: string): Promise<void>;
  close(): Promise<void>;
}

export async function listenPerNode(nodes: readonly string[], serverFor: (node: string) => WinrmServer): Promise<NodeListeners> {
  const servers = new Map<string, WinrmServer>();
  const endpoints: Record<string, string> = {};
  try {
    for (const node of nodes) {
      const server = serverFor(node);
      servers.set(node.toLowerCase(), server);
      endpoints[node] = (await server.listen(0, '127.0.0.1')).url;
    }
  } catch (error) {
    await Promise.all([...servers.values()].map((s) => s.close()));
    throw error;
  }
  const stopped = new Set<string>();
  const stop = async (node: string) => {
    const key = node.toLowerCase();
    if (stopped.has(key)) return;
    stopped.add(key);
    await servers.get(key)?.close();
  };
  return {
    endpoints,
    stop,
    close: async () => {
      await Promise.all(nodes.map(stop));
    },
  };
}
