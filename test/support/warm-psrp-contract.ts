/**
 * @module test/support/warm-psrp-contract: the contract suite over PSRP on one warm session for a
 * whole test file. The endpoint, its pwsh (JEA configuration, fake modules) and the bot's runspace
 * pool start once; each test gets a fresh simulated cluster on a fresh clock behind them, as a
 * node's WinRM plugin keeps its PowerShell between clients. Starting a pwsh per test costs one to
 * three seconds of CPU each, most of the suite.
 */
import type { Clock } from '../../src/cluster/clock.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import type { ContractSetup } from '../cluster/contract.js';
import { startPsrpCluster, type PsrpCluster, type PsrpClusterOptions } from './psrp-cluster.js';

/** An object that forwards every property to whatever `target()` is now. */
function following<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_, property) {
      const now = target();
      const value = Reflect.get(now, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(now) : value;
    },
  });
}

/** One warm PSRP cluster (its nodes' PowerShells and the bot's sessions) with a swappable cluster behind it. */
export interface WarmPsrpCluster {
  /** Puts `simulator` on `clock` behind the warm sessions (for the next test) and returns them. */
  behind(clock: Clock, simulator: SimulatedCluster): Promise<PsrpCluster>;
  close(): Promise<void>;
}

/** Starts on the first `behind`; `options()` is read then (after a file's beforeAll: a KDC, a keytab). */
export function warmPsrpCluster(
  inventory: ClusterInventory, options: () => Omit<PsrpClusterOptions, 'clock' | 'simulator'> = () => ({}),
): WarmPsrpCluster {
  let current: { clock: Clock; simulator: SimulatedCluster } | undefined;
  let warm: Promise<PsrpCluster> | undefined;
  return {
    behind(clock, simulator) {
      current = { clock, simulator };
      warm ??= startPsrpCluster(inventory, { ...options(), clock: following(() => current!.clock) as VirtualClock, simulator: following(() => current!.simulator) });
      return warm;
    },
    async close() {
      await (await warm)?.close();
    },
  };
}

export interface WarmPsrpContract {
  /** A fresh cluster behind the warm session: the contract's setup for one test. */
  setup(): Promise<ContractSetup>;
  close(): Promise<void>;
}

/** `options()` is read when the first test starts (after the file's beforeAll: a KDC, a keytab). */
export function warmPsrpContract(inventory: ClusterInventory, pollMs: number, options: () => Pick<PsrpClusterOptions, 'auth'> = () => ({})): WarmPsrpContract {
  const warm = warmPsrpCluster(inventory, options);
  return {
    async setup() {
      const clock = createVirtualClock({ start: Date.now() });
      const simulator = createSimulatedCluster({ inventory, clock });
      const started = await warm.behind(clock, simulator);
      return { cluster: started.remote(), clock, inject: (failure) => simulator.injectFailure(failure), pollMs };
    },
    close: () => warm.close(),
  };
}
