/**
 * @module test/support/warm-served-cluster: a cluster builder for buildRuntime that serves each
 * simulated PSRP cluster as the demo does (a listener and a `pwsh -s` session per node, the JEA
 * functions over real WS-Management), but keeps those PowerShells warm for a whole test file: each
 * runtime gets a fresh SimulatedCluster on its own clock behind them, and a fresh RemoteCluster (a
 * process that remembers nothing). Starting three PowerShells per console session was most of a
 * console suite's time (warmPsrpCluster). Other clusters are built as usual.
 */
import { demoInventory } from '../../src/cluster/simulator/demo-inventory.js';
import type { ClusterInventory } from '../../src/cluster/simulator/inventory.js';
import { loadInventoryFile } from '../../src/cluster/simulator/inventory-file.js';
import { createSimulatedCluster } from '../../src/cluster/simulator/simulated-cluster.js';
import { buildCluster } from '../../src/composition/clusters.js';
import { warmPsrpCluster, type WarmPsrpCluster } from './warm-psrp-contract.js';

export interface WarmServedClusters {
  readonly buildCluster: typeof buildCluster;
  close(): Promise<void>;
}

export function warmServedClusters(): WarmServedClusters {
  const warm = new Map<string, WarmPsrpCluster>();
  return {
    async buildCluster(c, o) {
      if (c.kind !== 'simulated' || c.transport !== 'psrp') return buildCluster(c, o);
      const inventory: ClusterInventory = { ...(c.inventory ? await loadInventoryFile(c.inventory) : demoInventory), name: c.name };
      const key = JSON.stringify([inventory, c.configurationName ?? '']);
      let entry = warm.get(key);
      if (!entry) {
        entry = warmPsrpCluster(inventory, () => ({ pollMs: o.pollMs, ...(c.configurationName ? { configurationName: c.configurationName } : {}) }));
        warm.set(key, entry);
      }
      const simulator = createSimulatedCluster({ inventory, clock: o.clock, bandwidthMBps: c.bandwidthMBps });
      const served = await entry.behind(o.clock, simulator);
      return {
        cluster: served.remote(),
        simulator,
        transport: { transport: 'psrp', endpoint: served.listeners?.endpoints[served.powershell.computerName] ?? 'warm', configurationName: served.endpoint.configurationName, psrp: served.client },
        close: async () => undefined, // the PowerShells stay for the next runtime; close() ends them
      };
    },
    async close() {
      await Promise.all([...warm.values()].map((w) => w.close()));
      warm.clear();
    },
  };
}
