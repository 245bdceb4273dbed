/**
 * @module cluster/remote/row-mapping: the parsed rows of the scripts as the Cluster port's values,
 * filling what a node could not report with what Windows would have said (Hyper-V's default
 * live-migration limit), and refusing to guess between two VMs of one name.
 */
import type { ClusterEvent, ClusterNode, ClusterVm, SharedVolume, ValidationReport, VmCheckpoint } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { redirectionsOf } from './admin-schemas.js';
import type { ParsedOutputs } from './schemas.js';

/** Hyper-V's default MaximumVirtualMachineMigrations, for a node whose limit cannot be read. */
export const DEFAULT_LIVE_MIGRATION_LIMIT = 2;

/** A node as the cluster lists it, with what it said of itself as a host (absent when it could not be read). */
export function toNode(row: ParsedOutputs['list-nodes'][number], host?: ParsedOutputs['get-node-host']): ClusterNode {
  const limit = row.clusterMigrationLimit ?? host?.hostMigrationLimit;
  return {
    name: row.name, state: row.state, drainStatus: row.drainStatus, memoryTotalMB: host?.memoryTotalMB ?? 0,
    memoryFreeMB: host?.memoryFreeMB ?? 0, liveMigrationLimit: limit ?? DEFAULT_LIVE_MIGRATION_LIMIT,
    ...(host?.hostMigrationLimit === undefined ? {} : { hostMigrationLimit: host.hostMigrationLimit }),
    ...(row.clusterMigrationLimit === undefined ? {} : { clusterMigrationLimit: row.clusterMigrationLimit }),
    ...(host?.migrationPerformance === undefined ? {} : { migrationPerformance: host.migrationPerformance }),
  };
}

export function toVm(row: ParsedOutputs['list-vms'][number]): ClusterVm {
  return {
    name: row.name, id: row.id, ownerNode: row.ownerNode, state: row.state, memoryMB: row.memoryMB, clustered: row.clustered,
    ...(row.clustered && row.possibleOwners.length > 0 ? { possibleOwners: row.possibleOwners } : {}),
  };
}

export function toVolume(row: ParsedOutputs['list-volumes'][number]): SharedVolume {
  return {
    name: row.name, ownerNode: row.ownerNode, state: row.state, path: row.path ?? '', sizeGB: row.sizeGB ?? 0, freeGB: row.freeGB ?? 0,
    redirected: redirectionsOf(row.access),
  };
}

/** One VM of that name; with several (hosts that disagree), the one spelled exactly so, else a refusal. */
export function pickVm(name: string, vms: ClusterVm[]): ClusterVm | undefined {
  const ids = new Set(vms.map((vm) => vm.id.toLowerCase()));
  if (ids.size <= 1) return vms[0];
  const exact = vms.filter((vm) => vm.name === name);
  if (exact.length === 1) return exact[0];
  const where = vms.map((vm) => vm.ownerNode).join(', ');
  throw new ClusterError('operation-failed', `${vms.length} VMs are named "${name}" (on ${where}); rename one to tell them apart`,
    { vm: name, count: vms.length });
}

export function toValidation(row: ParsedOutputs['validate-cluster']): ValidationReport {
  return {
    ...(row.result === undefined ? {} : { result: row.result }),
    includedStorage: row.includedStorage,
    categories: row.categories,
    problems: row.problems,
    ...(row.reportPath === undefined ? {} : { reportPath: row.reportPath }),
    durationMs: row.durationMs,
    checks: row.checks.map((c) => ({ check: c.check, subject: c.subject, ok: c.ok, message: c.message })),
  };
}

export function toCheckpoint(row: ParsedOutputs['checkpoint-vm']): VmCheckpoint {
  return { vm: row.vm, name: row.name, id: row.id, createdAt: row.createdAt, ...(row.parent ? { parent: row.parent } : {}) };
}

export function toEvent(row: ParsedOutputs['list-events'][number]): ClusterEvent {
  return { at: row.at, id: row.id, level: row.level, node: row.node, log: row.log, message: row.message };
}
