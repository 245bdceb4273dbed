/**
 * @module test/support/psrp-cluster: a SimulatedCluster behind the simulator's PSRP endpoint (a
 * `pwsh -s` session built from the HyperVChatOps JEA configuration, with the fake cluster
 * modules), reached over real WS-Management (the simulator's WinRM server on loopback, NTLM) or
 * straight over the process's streams, and RemoteClusters that run their operations as the
 * module's functions through one warm PSRP runspace pool. Close it at the end of the test.
 */
import { createPsrpOperationRunner, createRemoteCluster } from '../../src/cluster/remote/index.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import type { SimulatorPowerShell } from '../../src/cluster/simulator/powershell/index.js';
import { FULL_CONFIGURATION, JEA_CONFIGURATION, startSimulatorPsrp, type SimulatorPsrpEndpoint } from '../../src/cluster/simulator/psrp/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import { createWinrmServer, type WinrmServer } from '../../src/cluster/simulator/winrm-server/index.js';
import { createPsrpClient, createWsmanPsrpTransport, type PsrpClient, type PsrpTransport } from '../../src/remoting/psrp/index.js';
import { createTransport } from '../../src/remoting/transport/create-transport.js';
import { createWsmanClient } from '../../src/remoting/wsman/client.js';

const served: readonly string[] = [JEA_CONFIGURATION, FULL_CONFIGURATION];
const credentials = { username: 'hvbot', password: 'Psrp-pass-1' };

export interface PsrpCluster {
  readonly clock: VirtualClock;
  readonly simulator: SimulatedCluster;
  readonly powershell: SimulatorPowerShell;
  readonly endpoint: SimulatorPsrpEndpoint;
  readonly client: PsrpClient;
  /** The WinRM server, when reached over WS-Man. */
  readonly server: WinrmServer | undefined;
  /** A RemoteCluster on it (each call a new one: a process that remembers nothing), sharing the pool. */
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
  /** Told of each fake cmdlet call with the values PowerShell bound. */
  readonly onCall?: (cmdlet: string, parameters: Readonly<Record<string, unknown>>) => void;
}

export async function startPsrpCluster(inventory: ClusterInventory, options: PsrpClusterOptions = {}): Promise<PsrpCluster> {
  const clock = options.clock ?? createVirtualClock({ start: Date.now() });
  const simulator = options.simulator ?? createSimulatedCluster({ inventory, clock });
  const { powershell, endpoint, computerName, sessions, close } = await startSimulatorPsrp(simulator, {
    clock,
    // A name the node lacks is asked for over WS-Man only (the refusal is WinRM's).
    ...(options.configurationName && served.includes(options.configurationName) ? { configurationName: options.configurationName } : {}),
    ...(options.visibleFunctions ? { visibleFunctions: options.visibleFunctions } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
  });
  let server: WinrmServer | undefined;
  let connect: () => PsrpTransport = () => endpoint.connect();
  if ((options.via ?? 'wsman') === 'wsman') {
    server = createWinrmServer({ host: powershell.host, psrp: sessions, auth: { ntlm: credentials } });
    const { url } = await server.listen(0);
    const configurationName = options.configurationName ?? endpoint.configurationName;
    connect = () => createWsmanPsrpTransport({ client: createWsmanClient({ transport: createTransport({ endpoint: url, auth: { scheme: 'ntlm', ...credentials } }) }), configurationName });
  }
  const client = createPsrpClient({ connect, maxRunspaces: options.maxRunspaces ?? 4 });
  const operations = createPsrpOperationRunner({ client, endpoint: `simulated ${computerName} as ${endpoint.configurationName}` });
  return {
    clock, simulator, powershell, endpoint, client, server,
    remote: () => createRemoteCluster({ name: inventory.name, operations, clock, pollMs: options.pollMs ?? 500 }),
    async close() {
      await client.close();
      await server?.close();
      await close();
    },
  };
}
