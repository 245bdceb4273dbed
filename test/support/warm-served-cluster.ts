/**
 * @module test/support/warm-served-cluster: a cluster builder for buildRuntime that serves each
 * simulated PSRP cluster as the demo does (a listener and a `pwsh -s` session per node, the JEA
 * functions over real WS-Management), but keeps those PowerShells warm for a whole test file: each
 * runtime gets a fresh SimulatedCluster on its own clock behind them, and a fresh RemoteCluster (a
 * process that remembers nothing). Starting three PowerShells per console session was most of a
 * console suite's time. Other clusters are built as usual.
 */
import type { Clock } from '../../src/cluster/clock.js';
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { loadInventoryFile } from '../../src/cluster/simulator/inventory-file.js';
import { createSimulatedCluster, type SimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import type { VirtualClock } from '../../src/cluster/virtual-clock.js';
import { buildCluster } from '../../src/composition/clusters.js';
import { startPsrpCluster, type PsrpCluster } from './psrp-cluster.js';
import { following } from './warm-psrp-contract.js';

interface Warm {
  current: { clock: Clock; simulator: SimulatedCluster } | undefined;
  served: Promise<PsrpCluster>;
}

export interface WarmServedClusters {
  readonly buildCluster: typeof buildCluster;
  close(): Promise<void>;
}

export function warmServedClusters(): WarmServedClusters {
  const warm = new Map<string, Warm>();
  return {
    async buildCluster(c, o) {
      if (c.kind !== 'simulated' || c.transport !== 'psrp') return buildCluster(c, o);
      const inventory: ClusterInventory = { ...(c.inventory ? await loadInventoryFile(c.inventory) : demoInventory), name: c.name };
      const key = JSON.stringify([inventory, c.configurationName ?? '']);
      const simulator = createSimulatedCluster({ inventory, clock: o.clock, bandwidthMBps: c.bandwidthMBps });
      const current = { clock: o.clock, simulator };
      let entry = warm.get(key);
      if (!entry) {
        const made: Warm = { current, served: undefined as unknown as Promise<PsrpCluster> };
        made.served = startPsrpCluster(inventory, {
          clock: following(() => made.current!.clock) as VirtualClock,
          simulator: following(() => made.current!.simulator),
          pollMs: o.pollMs,
          ...(c.configurationName ? { configurationName: c.configurationName } : {}),
        });
        warm.set(key, made);
        entry = made;
      }
      entry.current = current;
      const served = await entry.served;
      return {
        cluster: served.remote(),
        simulator,
        transport: { transport: 'psrp', endpoint: served.listeners?.endpoints[served.powershell.computerName] ?? 'warm', configurationName: served.endpoint.configurationName, psrp: served.client },
        close: async () => undefined, // the PowerShells stay for the next runtime; close() ends them
      };
    },
    async close() {
      await Promise.all([...warm.values()].map(async (w) => (await w.served).close()));
      warm.clear();
    },
  };
}
