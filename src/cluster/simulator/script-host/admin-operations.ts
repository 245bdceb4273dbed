/**
 * @module simulator/script-host/admin-operations: the scripts for volumes, validation, VM power,
 * checkpoints and events, performed on a SimulatedCluster and answered with what each real script
 * prints (scripts/shapes.ts): enums as names, dates as 'o' strings, lists always arrays.
 */
import type { ClusterEvent, ClusterVm, SharedVolume, ValidationReport, VmCheckpoint } from '../../cluster.js';
import type {
  CheckpointRow, EventRow, ValidationRow, VmRow, VolumeAccessRow, VolumeMovedRow, VolumeRow,
} from '../../scripts/index.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import { isoRoundTrip } from './watch-snapshot.js';

export function vmRow(vm: ClusterVm): VmRow {
  return {
    name: vm.name, id: vm.id, ownerNode: vm.ownerNode, state: vm.state, memoryMB: vm.memoryMB, clustered: vm.clustered,
    possibleOwners: vm.clustered ? [...(vm.possibleOwners ?? [])] : [],
  };
}

/** Get-ClusterSharedVolumeState: one row per node that is not down, Direct unless the volume is redirected there. */
export function volumeRow(volume: SharedVolume, nodes: readonly string[]): VolumeRow {
  const access = nodes.map((node): VolumeAccessRow => {
    const redirected = volume.redirected.find((r) => r.node.toLowerCase() === node.toLowerCase());
    return {
      node,
      stateInfo: redirected?.access ?? 'Direct',
      fileSystemReason: redirected?.access === 'FileSystemRedirected' ? redirected.reason : 'NotFileSystemRedirected',
      blockReason: redirected?.access === 'BlockRedirected' ? redirected.reason : 'NotBlockRedirected',
    };
  });
  return {
    name: volume.name, ownerNode: volume.ownerNode, state: volume.state, path: volume.path, sizeGB: volume.sizeGB,
    freeGB: volume.freeGB, access,
  };
}

export async function listVolumeRows(cluster: SimulatedCluster): Promise<VolumeRow[]> {
  const nodes = (await cluster.listNodes()).filter((n) => n.state !== 'Down').map((n) => n.name);
  return (await cluster.listVolumes()).map((v) => volumeRow(v, nodes));
}

export async function moveVolumeRow(cluster: SimulatedCluster, volume: string, node: string): Promise<VolumeMovedRow> {
  return { ...(await cluster.moveVolume(volume, node)) };
}

export function validationRow(report: ValidationReport): ValidationRow {
  return {
    result: report.result ?? null,
    includedStorage: report.includedStorage,
    categories: report.categories.map((c) => ({ ...c })),
    problems: report.problems.map((p) => ({ ...p })),
    reportPath: report.reportPath ?? null,
    durationMs: report.durationMs,
    checks: report.checks.map((c) => ({ ...c, ok: c.ok ?? null })),
  };
}

const powerActions = {
  Start: (c: SimulatedCluster, vm: string) => c.startVm(vm),
  Shutdown: (c: SimulatedCluster, vm: string) => c.stopVm(vm),
  TurnOff: (c: SimulatedCluster, vm: string) => c.stopVm(vm, { force: true }),
  Save: (c: SimulatedCluster, vm: string) => c.saveVm(vm),
  Restart: (c: SimulatedCluster, vm: string) => c.restartVm(vm),
} as const;

/** `action` is bound by the script's ValidateSet, so it is one of the table's. */
export async function setPower(cluster: SimulatedCluster, vm: string, action: string): Promise<VmRow> {
  const perform = powerActions[action as keyof typeof powerActions];
  return vmRow(await perform(cluster, vm));
}

export function checkpointRow(checkpoint: VmCheckpoint): CheckpointRow {
  return { vm: checkpoint.vm, name: checkpoint.name, id: checkpoint.id, createdAt: isoRoundTrip(checkpoint.createdAt), parent: checkpoint.parent ?? null };
}

export function eventRow(event: ClusterEvent): EventRow {
  return { at: isoRoundTrip(event.at), id: event.id, level: event.level, node: event.node, log: event.log, message: event.message };
}
