/**
 * @module simulator/psrp/start: a SimulatedCluster's PSRP endpoint in one call: the cmdlet
 * service the fake modules talk to (no WinRS pwsh waits ready) and the endpoint on the node
 * WinRM would reach (the first that is up). Close it at the end.
 */
import type { Clock } from '../../clock.js';
import { startSimulatorPowerShell, type SimulatorPowerShell } from '../powershell/index.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import { createSimulatorPsrpEndpoint, type SimulatorPsrpEndpoint } from './psrp-endpoint.js';

export interface SimulatorPsrpStartOptions {
  readonly clock?: Clock;
  readonly configurationName?: string;
  readonly visibleFunctions?: readonly string[];
  /** Told of each fake cmdlet call with the values PowerShell bound. */
  readonly onCall?: (cmdlet: string, parameters: Readonly<Record<string, unknown>>) => void;
}

export interface SimulatorPsrp {
  readonly endpoint: SimulatorPsrpEndpoint;
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
    const endpoint = createSimulatorPsrpEndpoint({
      service: powershell.service, computerName,
      ...(options.configurationName ? { configurationName: options.configurationName } : {}),
      ...(options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {}),
    });
    return {
      endpoint, powershell, computerName,
      async close() {
        endpoint.dropSessions();
        await powershell.close();
        endpoint.close();
      },
    };
  } catch (error) {
    await powershell.close();
    throw error;
  }
}
