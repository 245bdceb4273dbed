/**
 * @module test/support/pwsh-cluster: a SimulatedCluster behind the simulator's real PowerShell
 * (pwsh with the fake FailoverClusters and Hyper-V modules), and RemoteClusters that run the
 * project's scripts on it in-process: RemoteCluster → createPowerShellRunner (quoting,
 * invocation, encoded command or stdin bootstrap, CLIXML) → a CommandRunner per node that hands
 * each command to that node's pwsh host (its $env:COMPUTERNAME, its fakes acting on that node
 * only), as the bot's per-node sessions reach real nodes. Close it at the end of the test.
 */
import { createRemoteCluster, createWinrsOperationRunner, type ClusterOperationRunner } from '../../src/cluster/remote/index.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import {
  createLocalCommandRunner, startSimulatorPowerShell, type CmdletCallListener, type SimulatorPowerShell,
} from '../../src/cluster/simulator/powershell/index.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import { createPowerShellRunner, type PowerShellRunner } from '../../src/remoting/powershell/index.js';

export interface PwshCluster {
  readonly clock: VirtualClock;
  readonly simulator: SimulatedCluster;
  readonly powershell: SimulatorPowerShell;
  /** The entry node's PowerShell (the first node that is up). */
  readonly runner: PowerShellRunner;
  /** The nodes the bot opened a session to, in order. */
  readonly sessionsOpened: readonly string[];
  /** A RemoteCluster on it (each call a new one: a process that remembers nothing). */
  remote(): Cluster;
  close(): Promise<void>;
}

export interface PwshClusterOptions {
  readonly pollMs?: number;
  readonly clock?: VirtualClock;
  /** Told of each fake cmdlet call with the values PowerShell bound and the node it ran on. */
  readonly onCall?: CmdletCallListener;
}

export async function startPwshCluster(inventory: ClusterInventory, options: PwshClusterOptions = {}): Promise<PwshCluster> {
  // The scripts read the node's clock (Get-Date, Stopwatch): the cluster's time starts at this machine's.
  const clock = options.clock ?? createVirtualClock({ start: Date.now() });
  const simulator = createSimulatedCluster({ inventory, clock });
  // No PowerShell started ahead: with both cores busy it saves no time, and the one left at the end is waste.
  const powershell = await startSimulatorPowerShell(simulator, { clock, warm: 0, ...(options.onCall ? { onCall: options.onCall } : {}) });
  const runner = createPowerShellRunner(createLocalCommandRunner(powershell.host));
  const sessionsOpened: string[] = [];
  const sessions = new Map<string, ClusterOperationRunner>();
  const nodes = (node: string): ClusterOperationRunner => {
    let session = sessions.get(node.toLowerCase());
    if (!session) {
      sessionsOpened.push(node);
      session = createWinrsOperationRunner(createPowerShellRunner(createLocalCommandRunner(powershell.hostFor(node))));
      sessions.set(node.toLowerCase(), session);
    }
    return session;
  };
  const entry = createWinrsOperationRunner(runner);
  return {
    clock, simulator, powershell, runner, sessionsOpened,
    remote: () => createRemoteCluster({ name: inventory.name, operations: entry, nodes, clock, pollMs: options.pollMs ?? 500 }),
    close: () => powershell.close(),
  };
}
