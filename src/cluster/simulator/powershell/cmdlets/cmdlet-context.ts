/**
 * @module simulator/powershell/cmdlets/cmdlet-context: what a fake cmdlet's handler gets: the
 * simulated cluster (the one truth for state), its clock, the node this PowerShell runs on, and
 * the parameters the PowerShell side bound, read with small typed accessors.
 */
import type { Clock } from '../../../clock.js';
import type { ClusterNode } from '../../../cluster.js';
import type { SimulatedCluster } from '../../simulated-cluster.js';

export interface CmdletContext {
  readonly cluster: SimulatedCluster;
  readonly clock: Clock;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export type CmdletHandler = (ctx: CmdletContext) => Promise<readonly unknown[]>;

export const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0 || a.toLowerCase() === b.toLowerCase();

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
