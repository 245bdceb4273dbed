/**
 * @module test/support/pwsh-cluster: a SimulatedCluster behind the simulator's real PowerShell
 * (pwsh with the fake FailoverClusters and Hyper-V modules), and RemoteClusters that run the
 * project's scripts on it in-process: RemoteCluster → createPowerShellRunner (quoting,
 * invocation, encoded command or stdin bootstrap, CLIXML) → a CommandRunner that hands each
 * command to the pwsh host. Close it at the end of the test.
 */
import { createRemoteCluster } from '../../src/cluster/remote/index.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import {
  createLocalCommandRunner, startSimulatorPowerShell, type SimulatorPowerShell,
} from '../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import { createPowerShellRunner, type PowerShellRunner } from '../../src/remoting/powershell/index.js';

export interface PwshCluster {
  readonly clock: VirtualClock;
  readonly simulator: SimulatedCluster;
  readonly powershell: SimulatorPowerShell;
  readonly runner: PowerShellRunner;
  /** A RemoteCluster on it (each call a new one: a process that remembers nothing). */
  remote(): Cluster;
  close(): Promise<void>;
}

export interface PwshClusterOptions {
  readonly pollMs?: number;
  readonly clock?: VirtualClock;
  /** Told of each fake cmdlet call with the values PowerShell bound. */
  readonly onCall?: (cmdlet: string, parameters: Readonly<Record<string, unknown>>) => void;
}

export async function startPwshCluster(inventory: ClusterInventory, options: PwshClusterOptions = {}): Promise<PwshCluster> {
  // The scripts read the node's clock (Get-Date, Stopwatch): the cluster's time starts at this machine's.
  const clock = options.clock ?? createVirtualClock({ start: Date.now() });
  const simulator = createSimulatedCluster({ inventory, clock });
  // No PowerShell started ahead: with both cores busy it saves no time, and the one left at the end is waste.
  const powershell = await startSimulatorPowerShell(simulator, { clock, warm: 0, ...(options.onCall ? { onCall: options.onCall } : {}) });
  const runner = createPowerShellRunner(createLocalCommandRunner(powershell.host));
  return {
    clock, simulator, powershell, runner,
    remote: () => createRemoteCluster({ name: inventory.name, powershell: runner, clock, pollMs: options.pollMs ?? 500 }),
    close: () => powershell.close(),
  };
}
