/**
 * @module bench/scale-hooks: how other benchmarks add rows to `npm run bench -- scale`. A file
 * (bench/scale-drain.ts, say) pushes a producer here when it is imported; bench/scale.ts imports
 * bench/scale-drain.ts when it exists and calls every producer once per cluster size, in one run.
 */
import type { ClusterInventory } from '../src/cluster/simulator/inventory.js';
import type { BenchRow } from './table.js';

export interface ScaleSize {
  nodes: number;
  vms: number;
  /** "64/8,000": how rows name the size. */
  label: string;
  /** The generated inventory of that size (src/cluster/simulator/scale-inventory.ts). */
  inventory: ClusterInventory;
}

export type ScaleRowProducer = (size: ScaleSize) => Promise<BenchRow[]>;

/** Extra row producers; each is called for every size, after the scale bench's own rows. */
export const scaleRowProducers: ScaleRowProducer[] = [];
