/**
 * @module simulator/powershell/cmdlets/cmdlet-context: what a fake cmdlet's handler gets: the
 * simulated cluster (the one truth for state), its clock, the node this PowerShell runs on, and
 * the parameters the PowerShell side bound, read with small typed accessors.
 */
import type { Clock } from '../../../clock.js';
import type { ClusterNode } from '../../../cluster.js';
import type { SimulatedCluster } from '../../simulated-cluster.js';

/** A progress record a fake cmdlet writes while it runs (Write-Progress on the PowerShell side). */
export interface CmdletProgress {
  readonly activity: string;
  readonly status: string;
  readonly percent: number;
}

export interface CmdletContext {
  readonly cluster: SimulatedCluster;
  readonly clock: Clock;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Writes a progress record now, while the cmdlet still runs. */
  readonly progress: (record: CmdletProgress) => void;
  /** The node this PowerShell runs on (the one whose secret the call carried). */
  readonly node: string;
}

export type CmdletHandler = (ctx: CmdletContext) => Promise<readonly unknown[]>;

/** Cluster and Hyper-V names compare without regard to case, as in the model. */
export { sameName } from '../../cluster-model.js';

export function text(ctx: CmdletContext, name: string): string {
  const value = ctx.parameters[name];
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

export function texts(ctx: CmdletContext, name: string): string[] {
  const value = ctx.parameters[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function flag(ctx: CmdletContext, name: string): boolean {
  return ctx.parameters[name] === true;
}

/** Node ids are their place in the cluster, from 1, as Windows numbers them when they join. */
export async function nodesWithIds(cluster: SimulatedCluster): Promise<Array<ClusterNode & { id: string }>> {
  return (await cluster.listNodes()).map((node, index) => ({ ...node, id: String(index + 1) }));
}
