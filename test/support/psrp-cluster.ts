/**
 * @module test/support/psrp-cluster: a SimulatedCluster behind the simulator's PSRP endpoint (a
 * `pwsh -s` session built from the HyperVChatOps JEA configuration, with the fake cluster
 * modules), and RemoteClusters that run their operations as the module's functions through one
 * warm PSRP runspace pool. Close it at the end of the test.
 */
import { createPsrpOperationRunner, createRemoteCluster } from '../../src/cluster/remote/index.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import type { SimulatorPowerShell } from '../../src/cluster/simulator/powershell/index.js';
import { startSimulatorPsrp, type SimulatorPsrpEndpoint } from '../../src/cluster/simulator/psrp/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import { createPsrpClient, type PsrpClient } from '../../src/remoting/psrp/index.js';

export interface PsrpCluster {
  readonly clock: VirtualClock;
  readonly simulator: SimulatedCluster;
  readonly powershell: SimulatorPowerShell;
  readonly endpoint: SimulatorPsrpEndpoint;
  readonly client: PsrpClient;
  /** A RemoteCluster on it (each call a new one: a process that remembers nothing), sharing the pool. */
  remote(): Cluster;
  close(): Promise<void>;
}

export interface PsrpClusterOptions {
  readonly pollMs?: number;
  readonly clock?: VirtualClock;
  readonly configurationName?: string;
  readonly visibleFunctions?: readonly string[];
  readonly maxRunspaces?: number;
  /** Told of each fake cmdlet call with the values PowerShell bound. */
  readonly onCall?: (cmdlet: string, parameters: Readonly<Record<string, unknown>>) => void;
}

export async function startPsrpCluster(inventory: ClusterInventory, options: PsrpClusterOptions = {}): Promise<PsrpCluster> {
  const clock = options.clock ?? createVirtualClock({ start: Date.now() });
  const simulator = createSimulatedCluster({ inventory, clock });
  const { powershell, endpoint, computerName, close } = await startSimulatorPsrp(simulator, {
    clock,
    ...(options.configurationName ? { configurationName: options.configurationName } : {}),
    ...(options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
  });
  const client = createPsrpClient({ connect: () => endpoint.connect(), maxRunspaces: options.maxRunspaces ?? 4 });
  const operations = createPsrpOperationRunner({ client, endpoint: `simulated ${computerName} as ${endpoint.configurationName}` });
  return {
    clock, simulator, powershell, endpoint, client,
    remote: () => createRemoteCluster({ name: inventory.name, operations, clock, pollMs: options.pollMs ?? 500 }),
    async close() {
      await client.close();
      await close();
    },
  };
}
