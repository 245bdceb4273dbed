/**
 * @module composition/clusters: a cluster from its configuration. Remote clusters run the
 * scripts over WinRS, or (`transport: psrp`) the HyperVChatOps module's functions in a warm PSRP
 * runspace pool on the JEA endpoint, each through the bot's own session to the node an operation
 * concerns (one pooled session per node: the configured endpoint, a node's override in `nodes`,
 * or an endpoint derived from its name), so that no script needs a second hop. A simulated one
 * serves each node on its own loopback listener and reaches them the same way (`psrp`, the
 * default, or `winrs`), or is called in-process (`direct`).
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../cluster/clock.js';
import type { Cluster } from '../cluster/cluster.js';
import { createRemoteCluster } from '../cluster/remote/index.js';
import { nodeEndpoint, type NodeEndpointOverrides } from '../cluster/remote/node-endpoints.js';
import { createNodeSessions, type NodeSession } from '../cluster/remote/node-sessions.js';
import { demoInventory } from '../cluster/simulator/demo-inventory.js';
import { loadInventoryFile } from '../cluster/simulator/inventory-file.js';
import { listenPerNode, type NodeListeners } from '../cluster/simulator/winrm-server/node-listeners.js';
import { startSimulatorPowerShell } from '../cluster/simulator/powershell/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../cluster/simulator/simulated-cluster.js';
import { startSimulatorPsrp } from '../cluster/simulator/psrp/index.js';
import { createWinrmServer } from '../cluster/simulator/winrm-server/index.js';
import type { ClusterConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { CommandRunner } from '../remoting/command-runner.js';
import type { PsrpClient } from '../remoting/psrp/index.js';
import { openPsrpSession, openWinrsSession, type NodeSessionSettings } from './node-session-factories.js';
import { transportWarnings } from './transport-warnings.js';

export interface BuiltCluster {
  cluster: Cluster;
  /** The model behind a simulated cluster (for rehearsals and tests that inject failures). */
  simulator?: SimulatedCluster;
  transport?: ClusterTransportInfo;
  /** A simulated cluster's per-node listeners (tests stop one to see a node that no longer answers). */
  listeners?: NodeListeners;
  /** Deletes open shells and stops a loopback server. */
  close(): Promise<void>;
}

/** How a built cluster's operations travel, for `cli check` and the start-up log. */
export interface ClusterTransportInfo {
  readonly transport: 'winrs' | 'psrp' | 'direct';
  /** The URL, or `pwsh -s` of a simulated node. */
  readonly endpoint: string;
  readonly configurationName?: string;
  /** With psrp: the entry node's pool (check lists the session's functions through it). */
  readonly psrp?: PsrpClient;
}

export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
  constructor(
    readonly field: string,
    readonly variable: string,
  ) {
    super(`${field} names the environment variable ${variable}, which is not set. Set it to the password (never put it in the config file).`);
  }
}

export interface ClusterBuildOptions {
  clock: Clock;
  logger: Logger;
  pollMs: number;
  env?: NodeJS.ProcessEnv;
  /** Wraps each cluster's command runner (metrics). */
  instrument?: (cluster: string, runner: CommandRunner) => CommandRunner;
}

interface SessionPlan {
  readonly name: string;
  readonly entry: string;
  readonly overrides: NodeEndpointOverrides;
  readonly transport: 'winrs' | 'psrp';
  readonly configurationName: string;
  readonly settings: NodeSessionSettings;
}

/** A RemoteCluster whose operations go, each, through the bot's pooled session to the node they concern. */
function overNodeSessions(plan: SessionPlan, o: ClusterBuildOptions) {
  let entryClient: PsrpClient | undefined;
  const open = (endpoint: string): NodeSession => {
    if (plan.transport === 'winrs') return openWinrsSession(endpoint, plan.settings);
    const session = openPsrpSession(endpoint, plan.configurationName, plan.settings);
    entryClient ??= session.client;
    return session;
  };
  const sessions = createNodeSessions({ entryEndpoint: plan.entry, endpointFor: (node) => nodeEndpoint(plan.entry, node, plan.overrides), open });
  const cluster = createRemoteCluster({
    name: plan.name, operations: sessions.entry, nodes: sessions.node, clock: o.clock, pollMs: o.pollMs, logger: o.logger,
  });
  const transport: ClusterTransportInfo = plan.transport === 'psrp'
    ? { transport: 'psrp', endpoint: plan.entry, configurationName: plan.configurationName, ...(entryClient ? { psrp: entryClient } : {}) }
    : { transport: 'winrs', endpoint: plan.entry };
  return { cluster, transport, close: () => sessions.close() };
}

export async function buildCluster(c: ClusterConfig, o: ClusterBuildOptions): Promise<BuiltCluster> {
  const instrument = o.instrument ?? ((_name: string, runner: CommandRunner) => runner);
  switch (c.kind) {
    case 'remote': {
      const password = (o.env ?? process.env)[c.passwordEnv];
      if (!password) throw new MissingSecretError(`clusters[${c.name}].passwordEnv`, c.passwordEnv);
      for (const warning of transportWarnings(c)) o.logger.warn({ cluster: c.name, endpoint: c.endpoint }, warning);
      const auth = c.auth === 'ntlm' ? { scheme: 'ntlm' as const, username: c.username, password } : { scheme: 'basic' as const, username: c.username, password };
      const tls = c.tls && { caFile: c.tls.caFile, fingerprint256: c.tls.fingerprintSha256, insecure: c.tls.insecure };
      const settings: NodeSessionSettings = {
        auth, ...(tls ? { tls } : {}), logger: o.logger, operationTimeoutMs: c.operationTimeoutSeconds * 1000, maxShells: c.maxShells,
        instrument: (runner) => instrument(c.name, runner),
      };
      return overNodeSessions({ name: c.name, entry: c.endpoint, overrides: c.nodes, transport: c.transport, configurationName: c.configurationName, settings }, o);
    }
    case 'simulated': {
      const inventory = c.inventory ? await loadInventoryFile(c.inventory) : demoInventory;
      const sim = createSimulatedCluster({ inventory: { ...inventory, name: c.name }, clock: o.clock, bandwidthMBps: c.bandwidthMBps });
      if (c.transport === 'direct') return { cluster: sim, simulator: sim, transport: { transport: 'direct', endpoint: 'in-process' }, close: async () => undefined };
      return serveSimulated(c, sim, o, instrument);
    }
  }
}

/**
 * A simulated cluster served as a real one: each node on its own WinRM listener on loopback (the
 * operations in real PowerShell against the fake cluster modules of that node), reached through
 * the bot's per-node sessions. PSRP runs them as the HyperVChatOps functions in a `pwsh -s`
 * session per node; WinRS runs each script in a new pwsh on the node.
 */
async function serveSimulated(
  c: Extract<ClusterConfig, { kind: 'simulated' }>, sim: SimulatedCluster, o: ClusterBuildOptions,
  instrument: (cluster: string, runner: CommandRunner) => CommandRunner,
): Promise<BuiltCluster> {
  const username = 'hyperv-chatops';
  const password = randomBytes(18).toString('base64url'); // lives only in this process
  const serverAuth = { ntlm: { username, password } };
  const nodes = (await sim.listNodes()).map((n) => n.name);
  const psrp = c.transport === 'psrp'
    ? await startSimulatorPsrp(sim, { clock: o.clock, ...(c.configurationName ? { configurationName: c.configurationName } : {}) })
    : undefined;
  const powershell = psrp?.powershell ?? await startSimulatorPowerShell(sim, { clock: o.clock });
  const stopSimulator = async () => {
    if (psrp) await psrp.close();
    else await powershell.close();
  };
  let listeners: NodeListeners;
  try {
    listeners = await listenPerNode(nodes, (node) => createWinrmServer({
      host: powershell.hostFor(node), ...(psrp ? { psrp: psrp.sessionsFor(node) } : {}), auth: serverAuth,
    }));
  } catch (error) {
    await stopSimulator();
    throw error;
  }
  const entry = listeners.endpoints[powershell.computerName] ?? Object.values(listeners.endpoints)[0] ?? '';
  const overrides = Object.fromEntries(Object.entries(listeners.endpoints).map(([node, endpoint]) => [node, { endpoint }]));
  const transport = psrp ? 'psrp' : 'winrs';
  const configurationName = psrp?.endpoint.configurationName ?? 'Microsoft.PowerShell';
  const settings: NodeSessionSettings = { auth: { scheme: 'ntlm', username, password }, logger: o.logger, maxShells: 4, instrument: (runner) => instrument(c.name, runner) };
  const built = overNodeSessions({ name: c.name, entry, overrides, transport, configurationName, settings }, o);
  o.logger.info({ cluster: c.name, endpoints: listeners.endpoints, transport, ...(psrp ? { configurationName } : {}) },
    'simulated cluster served over WS-Management on loopback, a listener per node');
  return {
    cluster: built.cluster,
    simulator: sim,
    transport: built.transport,
    listeners,
    close: async () => {
      await built.close();
      await listeners.close();
      await stopSimulator();
    },
  };
}
