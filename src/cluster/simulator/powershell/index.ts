/**
 * @module simulator/powershell: the simulator's PowerShell. `startSimulatorPowerShell` starts the
 * loopback CmdletService on a SimulatedCluster and a PwshHost whose pwsh processes load the fake
 * FailoverClusters, Hyper-V, CimCmdlets and Get-WinEvent modules; give `host` to the WinRM server
 * (or to createLocalCommandRunner) and close it at the end.
 */
import { createSystemClock, type Clock } from '../../clock.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import { startCmdletService, type CmdletCallListener, type CmdletService } from './cmdlet-service.js';
import { createPwshHost, type PwshHost, type PwshHostOptions } from './pwsh-host.js';

export { findPwsh, PowerShellMissingError, type PwshCommand } from './find-pwsh.js';
export { FAKE_MODULES_DIR, STDIN_BOOTSTRAP_ARGS, simulatorPwshEnvironment, type PwshHost } from './pwsh-host.js';
export { fakeCmdlets, type CmdletCallListener, type CmdletService } from './cmdlet-service.js';
export { createLocalCommandRunner, type CommandHost } from './command-host.js';
export { readWindowsCommand, splitCommandLine } from './windows-command-line.js';

export interface SimulatorPowerShell {
  /** The WinRS host of the node WinRM reached (`computerName`). */
  readonly host: PwshHost;
  /** The node `host` runs on. */
  readonly computerName: string;
  /** The WinRS host of any node (its pwsh run there: $env:COMPUTERNAME and the fakes are that node's), made on first use. */
  hostFor(node: string): PwshHost;
  readonly service: CmdletService;
  close(): Promise<void>;
}

export interface SimulatorPowerShellOptions extends Partial<Pick<PwshHostOptions, 'warm' | 'maxRunning' | 'deadlineMs' | 'pwsh' | 'onCommand'>> {
  /** The clock the cluster runs on (running jobs' elapsed time, the 5-minute job listing). */
  readonly clock?: Clock;
  /** The node WinRM reached; default the first node that is up. */
  readonly computerName?: string;
  /** Told of each fake cmdlet call (the simulator's log, tests): its name, the parameters PowerShell bound and the node it ran on. */
  readonly onCall?: CmdletCallListener;
}

export async function startSimulatorPowerShell(cluster: SimulatedCluster, options: SimulatorPowerShellOptions = {}): Promise<SimulatorPowerShell> {
  const clock = options.clock ?? createSystemClock();
  const nodes = await cluster.listNodes();
  const computerName = options.computerName ?? (nodes.find((n) => n.state === 'Up') ?? nodes[0])?.name ?? 'localhost';
  const service = await startCmdletService({ cluster, clock, ...(options.onCall ? { onCall: options.onCall } : {}) });
  const { clock: _clock, computerName: _name, onCall: _onCall, ...hostOptions } = options;
  const hosts = new Map<string, PwshHost>();
  const hostFor = (node: string): PwshHost => {
    const key = node.toLowerCase();
    let host = hosts.get(key);
    if (!host) {
      host = createPwshHost({ ...hostOptions, service: { url: service.url, secret: service.secretFor(node) }, computerName: node });
      hosts.set(key, host);
    }
    return host;
  };
  return {
    host: hostFor(computerName),
    computerName,
    hostFor,
    service,
    async close() {
      await Promise.all([...hosts.values()].map((h) => h.close()));
      await service.close();
    },
  };
}
