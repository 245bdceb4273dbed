/**
 * @module test/support/warm-psrp-contract: the contract suite over PSRP on one warm session for a
 * whole test file. The endpoint, its pwsh (JEA configuration, fake modules) and the bot's runspace
 * pool start once; each test gets a fresh simulated cluster on a fresh clock behind them, as a
 * node's WinRM plugin keeps its PowerShell between clients. Starting a pwsh per test costs one to
 * three seconds of CPU each, most of the suite.
 */
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { createVirtualClock, type VirtualClock } from '../../src/cluster/virtual-clock.js';
import type { ContractSetup } from '../cluster/contract.js';
import { startPsrpCluster, type PsrpCluster, type PsrpClusterOptions } from './psrp-cluster.js';

/** An object that forwards every property to whatever `target()` is now. */
export function following<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_, property) {
      const now = target();
      const value = Reflect.get(now, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(now) : value;
    },
  });
}

export interface WarmPsrpContract {
  /** A fresh cluster behind the warm session: the contract's setup for one test. */
  setup(): Promise<ContractSetup>;
  close(): Promise<void>;
}

/** `options()` is read when the first test starts (after the file's beforeAll: a KDC, a keytab). */
export function warmPsrpContract(inventory: ClusterInventory, pollMs: number, options: () => Pick<PsrpClusterOptions, 'auth'> = () => ({})): WarmPsrpContract {
  let current: { clock: VirtualClock; simulator: SimulatedCluster } | undefined;
  const fresh = () => {
    const clock = createVirtualClock({ start: Date.now() });
    current = { clock, simulator: createSimulatedCluster({ inventory, clock }) };
    return current;
  };
  const clock = following(() => current!.clock);
  const simulator = following(() => current!.simulator);
  let warm: Promise<PsrpCluster> | undefined;
  return {
    async setup() {
      const test = fresh();
      warm ??= startPsrpCluster(inventory, { ...options(), clock, simulator });
      const started = await warm;
      return { cluster: started.remote(), clock: test.clock, inject: (failure) => test.simulator.injectFailure(failure), pollMs };
    },
    async close() {
      await (await warm)?.close();
    },
  };
}
