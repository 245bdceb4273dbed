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
import { createRemoteCluster, type ClusterOperationRunner } from '../cluster/remote/index.js';
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
import type { PsrpClient } from '../remoting/psrp/index.js';
import { openPsrpSession, openWinrsSession, type NodeSessionSettings } from './node-session-factories.js';
import { createRemoteAuth, type AuthReport, type RemoteAuth } from './remote-auth.js';
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
  /** A remote cluster's authentication: configured, used (per node endpoint), the Kerberos ticket. */
  readonly auth?: () => AuthReport;
  /** The bot's own session to each node (`cli check` reaches every node through it). */
  readonly nodes?: NodeReach;
}

export interface NodeReach {
  /** The endpoint the bot reaches `node` at. */
  endpointOf(node: string): string;
  /** Runs a read on `node` through the bot's session to it; rejects with why it could not. */
  reach(node: string): Promise<void>;
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
  /** Wraps each remote cluster's operations, over WinRS or PSRP (metrics). */
  instrument?: (cluster: string, operations: ClusterOperationRunner) => ClusterOperationRunner;
}

interface SessionPlan {
  readonly name: string;
  readonly entry: string;
  readonly overrides: NodeEndpointOverrides;
  readonly transport: 'winrs' | 'psrp';
  readonly configurationName: string;
  readonly settings: NodeSessionSettings;
  /** A remote cluster's authentication, one ticket source for all its nodes. */
  readonly remoteAuth?: RemoteAuth;
  /** The entry endpoint's configured SPN (kerberos.spn). */
  readonly entrySpn?: string | undefined;
}

/** A RemoteCluster whose operations go, each, through the bot's pooled session to the node they concern. */
function overNodeSessions(plan: SessionPlan, o: ClusterBuildOptions, instrument: NonNullable<ClusterBuildOptions['instrument']>) {
  let entryClient: PsrpClient | undefined;
  const settingsFor = (endpoint: string): NodeSessionSettings => {
    const { remoteAuth } = plan;
    if (!remoteAuth) return plan.settings;
    const override = Object.values(plan.overrides).find((n) => n.endpoint === endpoint);
    const forNode = remoteAuth.forEndpoint(endpoint, override?.spn ?? (endpoint === plan.entry ? plan.entrySpn : undefined));
    return { ...plan.settings, auth: forNode.auth, onAuthenticated: forNode.onAuthenticated };
  };
  const open = (endpoint: string): NodeSession => {
    const settings = settingsFor(endpoint);
    let session: NodeSession;
    if (plan.transport === 'winrs') session = openWinrsSession(endpoint, settings);
    else {
      const psrp = openPsrpSession(endpoint, plan.configurationName, settings);
      if (endpoint === plan.entry) entryClient = psrp.client;
      session = psrp;
    }
    return { runner: instrument(plan.name, session.runner), close: () => session.close() };
  };
  const sessions = createNodeSessions({ entryEndpoint: plan.entry, endpointFor: (node) => nodeEndpoint(plan.entry, node, plan.overrides), open });
  const cluster = createRemoteCluster({
    name: plan.name, operations: sessions.entry, nodes: sessions.node, clock: o.clock, pollMs: o.pollMs, logger: o.logger,
  });
  const nodes: NodeReach = {
    endpointOf: (node) => nodeEndpoint(plan.entry, node, plan.overrides),
    reach: async (node) => void (await sessions.node(node).run('get-node-host', {})),
  };
  const auth = { nodes, ...(plan.remoteAuth ? { auth: plan.remoteAuth.report } : {}) };
  const transport: ClusterTransportInfo = plan.transport === 'psrp'
    ? { transport: 'psrp', endpoint: plan.entry, configurationName: plan.configurationName, ...(entryClient ? { psrp: entryClient } : {}), ...auth }
    : { transport: 'winrs', endpoint: plan.entry, ...auth };
  return { cluster, transport, close: () => sessions.close() };
}

export async function buildCluster(c: ClusterConfig, o: ClusterBuildOptions): Promise<BuiltCluster> {
  const instrument = o.instrument ?? ((_name: string, operations: ClusterOperationRunner) => operations);
  switch (c.kind) {
    case 'remote': {
      const password = c.passwordEnv ? (o.env ?? process.env)[c.passwordEnv] : undefined;
      if (c.passwordEnv && !password) throw new MissingSecretError(`clusters[${c.name}].passwordEnv`, c.passwordEnv);
      for (const warning of transportWarnings(c)) o.logger.warn({ cluster: c.name, endpoint: c.endpoint }, warning);
      // WinRS and PSRP share the WS-Management transport, so both authenticate the same way, to every node.
      const remoteAuth = createRemoteAuth(c, password, o.env);
      const tls = c.tls && { caFile: c.tls.caFile, fingerprint256: c.tls.fingerprintSha256, insecure: c.tls.insecure };
      const settings: NodeSessionSettings = {
        auth: remoteAuth.auth, ...(tls ? { tls } : {}), logger: o.logger, operationTimeoutMs: c.operationTimeoutSeconds * 1000, maxShells: c.maxShells,
      };
      const built = overNodeSessions({
        name: c.name, entry: c.endpoint, overrides: c.nodes, transport: c.transport, configurationName: c.configurationName, settings, remoteAuth, entrySpn: c.kerberos?.spn,
      }, o, instrument);
      return { ...built, close: async () => {
        await built.close();
        remoteAuth.close();
      } };
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
  instrument: NonNullable<ClusterBuildOptions['instrument']>,
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
  const settings: NodeSessionSettings = { auth: { scheme: 'ntlm', username, password }, logger: o.logger, maxShells: 4 };
  const built = overNodeSessions({ name: c.name, entry, overrides, transport, configurationName, settings }, o, instrument);
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
