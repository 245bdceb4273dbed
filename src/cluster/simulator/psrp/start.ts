/**
 * @module simulator/psrp/start: a SimulatedCluster's PSRP endpoints in one call: the cmdlet
 * service the fake modules talk to (no WinRS pwsh waits ready) and, for each node, the endpoint
 * whose sessions run on that node (made on first use). `endpoint` and `sessions` are those of the
 * node WinRM would reach first (the first that is up). Close it at the end.
 */
import type { Clock } from '../../clock.js';
import { startSimulatorPowerShell, type CmdletCallListener, type SimulatorPowerShell } from '../powershell/index.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import type { PsrpSessions } from '../winrm-server/index.js';
import { createSimulatorPsrpEndpoint, UnknownConfigurationError, type SimulatorPsrpEndpoint } from './psrp-endpoint.js';
import { FULL_CONFIGURATION, JEA_CONFIGURATION } from './session-configuration.js';

export interface SimulatorPsrpStartOptions {
  readonly clock?: Clock;
  readonly configurationName?: string;
  readonly visibleFunctions?: readonly string[];
  /** Told of each fake cmdlet call with the values PowerShell bound and the node it ran on. */
  readonly onCall?: CmdletCallListener;
}

/** One node's endpoints: both configurations by name. */
interface NodeEndpoints {
  readonly byName: ReadonlyMap<string, SimulatorPsrpEndpoint>;
  readonly sessions: PsrpSessions;
}

export interface SimulatorPsrp {
  /** The endpoint of the configuration asked for (HyperVChatOps by default) on `computerName`. */
  readonly endpoint: SimulatorPsrpEndpoint;
  /** Both configurations by name on `computerName`, for the WinRM server's PSRP shells (`psrp` of createWinrmServer). */
  readonly sessions: PsrpSessions;
  /** The same on any node: sessions that run there. */
  endpointFor(node: string): SimulatorPsrpEndpoint;
  sessionsFor(node: string): PsrpSessions;
  readonly powershell: SimulatorPowerShell;
  readonly computerName: string;
  close(): Promise<void>;
}

export async function startSimulatorPsrp(cluster: SimulatedCluster, options: SimulatorPsrpStartOptions = {}): Promise<SimulatorPsrp> {
  const nodes = await cluster.listNodes();
  const computerName = (nodes.find((n) => n.state === 'Up') ?? nodes[0])?.name ?? 'localhost';
  const powershell = await startSimulatorPowerShell(cluster, {
    warm: 0, computerName, ...(options.clock ? { clock: options.clock } : {}), ...(options.onCall ? { onCall: options.onCall } : {}),
  });
  const wanted = options.configurationName ?? JEA_CONFIGURATION;
  const made = new Map<string, NodeEndpoints>();
  const onNode = (node: string): NodeEndpoints => {
    const key = node.toLowerCase();
    const known = made.get(key);
    if (known) return known;
    const service = { url: powershell.service.url, secret: powershell.service.secretFor(node) };
    const byName = new Map([JEA_CONFIGURATION, FULL_CONFIGURATION].map((configurationName) => [configurationName, createSimulatorPsrpEndpoint({
      service, computerName: node, configurationName,
      ...(options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {}),
    })]));
    // WinRM matches configuration names without regard to case.
    const sessions: PsrpSessions = { connect: (name) => [...byName.entries()].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1].connect() };
    const endpoints = { byName, sessions };
    made.set(key, endpoints);
    return endpoints;
  };
  const endpointFor = (node: string): SimulatorPsrpEndpoint => {
    const endpoint = onNode(node).byName.get(wanted);
    if (!endpoint) throw new UnknownConfigurationError(wanted);
    return endpoint;
  };
  try {
    const first = onNode(computerName);
    return {
      endpoint: endpointFor(computerName), sessions: first.sessions, endpointFor, sessionsFor: (node) => onNode(node).sessions,
      powershell, computerName,
      async close() {
        const all = [...made.values()].flatMap((n) => [...n.byName.values()]);
        for (const e of all) e.dropSessions();
        await powershell.close();
        for (const e of all) e.close();
      },
    };
  } catch (error) {
    await powershell.close();
    throw error;
  }
}
