/**
 * @module simulator/psrp/start: a SimulatedCluster's PSRP endpoint in one call: the cmdlet
 * service the fake modules talk to (no WinRS pwsh waits ready) and the endpoint on the node
 * WinRM would reach (the first that is up). Close it at the end.
 */
import type { Clock } from '../../clock.js';
import { startSimulatorPowerShell, type SimulatorPowerShell } from '../powershell/index.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import type { PsrpSessions } from '../winrm-server/index.js';
import { createSimulatorPsrpEndpoint, UnknownConfigurationError, type SimulatorPsrpEndpoint } from './psrp-endpoint.js';
import { FULL_CONFIGURATION, JEA_CONFIGURATION } from './session-configuration.js';

export interface SimulatorPsrpStartOptions {
  readonly clock?: Clock;
  readonly configurationName?: string;
  readonly visibleFunctions?: readonly string[];
  /** Told of each fake cmdlet call with the values PowerShell bound. */
  readonly onCall?: (cmdlet: string, parameters: Readonly<Record<string, unknown>>) => void;
}

export interface SimulatorPsrp {
  /** The endpoint of the configuration asked for (HyperVChatOps by default). */
  readonly endpoint: SimulatorPsrpEndpoint;
  /** Both configurations by name, for the WinRM server's PSRP shells (`psrp` of createWinrmServer). */
  readonly sessions: PsrpSessions;
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
  try {
    const endpoints = new Map([JEA_CONFIGURATION, FULL_CONFIGURATION].map((configurationName) => [configurationName, createSimulatorPsrpEndpoint({
      service: powershell.service, computerName, configurationName,
      ...(options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {}),
    })]));
    const endpoint = endpoints.get(options.configurationName ?? JEA_CONFIGURATION);
    if (!endpoint) throw new UnknownConfigurationError(options.configurationName ?? '');
    return {
      endpoint, powershell, computerName,
      // WinRM matches configuration names without regard to case.
      sessions: { connect: (name) => [...endpoints.entries()].find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1].connect() },
      async close() {
        for (const e of endpoints.values()) e.dropSessions();
        await powershell.close();
        for (const e of endpoints.values()) e.close();
      },
    };
  } catch (error) {
    await powershell.close();
    throw error;
  }
}
