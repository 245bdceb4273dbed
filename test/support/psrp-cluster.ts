/**
 * @module test/support/psrp-cluster: a SimulatedCluster behind the simulator's PSRP endpoint (a
 * `pwsh -s` session built from the HyperVChatOps JEA configuration, with the fake cluster
 * modules) on each node, reached over real WS-Management (a WinRM listener per node on loopback,
 * NTLM) or straight over the process's streams, and RemoteClusters that run their operations as
 * the module's functions through one warm PSRP runspace pool per node (the bot's own session to
 * each node it needs). Close it at the end of the test.
 */
import { createPsrpOperationRunner, createRemoteCluster } from '../../src/cluster/remote/index.js';
import { createNodeSessions, type NodeSessions } from '../../src/cluster/remote/node-sessions.js';
import { listenPerNode, type NodeListeners } from '../../src/cluster/simulator/winrm-server/node-listeners.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import type { CmdletCallListener, SimulatorPowerShell } from '../../src/cluster/simulator/powershell/index.js';
import { FULL_CONFIGURATION, JEA_CONFIGURATION, startSimulatorPsrp, type SimulatorPsrpEndpoint } from '../../src/cluster/simulator/psrp/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import { createWinrmServer } from '../../src/cluster/simulator/winrm-server/index.js';
import { createPsrpClient, createWsmanPsrpTransport, type PsrpClient, type PsrpTransport } from '../../src/remoting/psrp/index.js';
import { createTransport, type AuthOptions } from '../../src/remoting/transport/create-transport.js';
import type { ServerAuthOptions } from '../../src/cluster/simulator/winrm-server/index.js';
import { createWsmanClient } from '../../src/remoting/wsman/client.js';

const served: readonly string[] = [JEA_CONFIGURATION, FULL_CONFIGURATION];
const credentials = { username: 'hvbot', password: 'Psrp-pass-1' };

export interface PsrpCluster {
  readonly clock: VirtualClock;
  readonly simulator: SimulatedCluster;
  readonly powershell: SimulatorPowerShell;
  /** The entry node's endpoint (the first node that is up). */
  readonly endpoint: SimulatorPsrpEndpoint;
  /** Any node's endpoint. */
  endpointFor(node: string): SimulatorPsrpEndpoint;
  /** The entry node's pool. */
  readonly client: PsrpClient;
  /** The bot's sessions, one per node (the endpoints it opened, the entry's first). */
  readonly sessions: NodeSessions;
  /** The nodes' WinRM listeners, when reached over WS-Man. */
  readonly listeners: NodeListeners | undefined;
  /** A RemoteCluster on it (each call a new one: a process that remembers nothing), sharing the pools. */
  remote(): Cluster;
  close(): Promise<void>;
}

export interface PsrpClusterOptions {
  readonly pollMs?: number;
  readonly clock?: VirtualClock;
  /** The cluster behind the endpoint; by default a new one from `inventory` on `clock`. */
  readonly simulator?: SimulatedCluster;
  readonly configurationName?: string;
  readonly visibleFunctions?: readonly string[];
  readonly maxRunspaces?: number;
  /** `wsman` (default): through the WinRM server; `process`: the out-of-process transport. */
  readonly via?: 'wsman' | 'process';
  /** Told of each fake cmdlet call with the values PowerShell bound and the node it ran on. */
  readonly onCall?: CmdletCallListener;
  /** Over WS-Man: how each node's listener authenticates and how the bot signs in to it (NTLM by default). */
  readonly auth?: NodeAuth;
}

/** The listener's side and the bot's side of signing in to one node (e.g. Kerberos with the node's keytab and SPN). */
export interface NodeAuth {
  server(node: string): ServerAuthOptions;
  client(node: string): AuthOptions;
}

export async function startPsrpCluster(inventory: ClusterInventory, options: PsrpClusterOptions = {}): Promise<PsrpCluster> {
  const clock = options.clock ?? createVirtualClock({ start: Date.now() });
  const simulator = options.simulator ?? createSimulatedCluster({ inventory, clock });
  const psrp = await startSimulatorPsrp(simulator, {
    clock,
    // A name the node lacks is asked for over WS-Man only (the refusal is WinRM's).
    ...(options.configurationName && served.includes(options.configurationName) ? { configurationName: options.configurationName } : {}),
    ...(options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
  });
  const { powershell, endpoint, computerName } = psrp;
  const configurationName = options.configurationName ?? endpoint.configurationName;
  let listeners: NodeListeners | undefined;
  // Without WS-Man, an "endpoint" is the node's name, and a session its pwsh's streams.
  let connect = (at: string): PsrpTransport => psrp.endpointFor(at).connect();
  let entryEndpoint = computerName;
  const endpoints: Record<string, string> = {};
  if ((options.via ?? 'wsman') === 'wsman') {
    const nodes = (await simulator.listNodes()).map((n) => n.name);
    const auth = options.auth ?? { server: () => ({ ntlm: credentials }), client: () => ({ scheme: 'ntlm', ...credentials }) };
    listeners = await listenPerNode(nodes, (node) => createWinrmServer({ host: powershell.hostFor(node), psrp: psrp.sessionsFor(node), auth: auth.server(node) }));
    Object.assign(endpoints, listeners.endpoints);
    entryEndpoint = listeners.endpoints[computerName] ?? '';
    const nodeAt = (url: string) => Object.entries(endpoints).find(([, at]) => at === url)?.[0] ?? computerName;
    connect = (url) => createWsmanPsrpTransport({ client: createWsmanClient({ transport: createTransport({ endpoint: url, auth: auth.client(nodeAt(url)) }) }), configurationName });
  }
  const clients: PsrpClient[] = [];
  const sessions = createNodeSessions({
    entryEndpoint,
    endpointFor: (node) => endpoints[node] ?? Object.entries(endpoints).find(([n]) => n.toLowerCase() === node.toLowerCase())?.[1] ?? node,
    open: (at) => {
      const client = createPsrpClient({ connect: () => connect(at), maxRunspaces: options.maxRunspaces ?? 4 });
      clients.push(client);
      return { runner: createPsrpOperationRunner({ client, endpoint: `simulated ${at} as ${configurationName}` }), close: () => client.close() };
    },
  });
  const client = clients[0] as PsrpClient;
  return {
    clock, simulator, powershell, endpoint, endpointFor: psrp.endpointFor, client, sessions, listeners,
    remote: () => createRemoteCluster({ name: inventory.name, operations: sessions.entry, nodes: sessions.node, clock, pollMs: options.pollMs ?? 500 }),
    async close() {
      await sessions.close();
      await listeners?.close();
      await psrp.close();
    },
  };
}
