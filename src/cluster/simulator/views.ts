/** @module simulator/views: the model's nodes, VMs and migrations as the Cluster port shows them. */
import type { ClusterNode, ClusterVm, MigrationPhase, MigrationType, SharedVolume, VmState } from '../cluster.js';
import {
  activeFor, memoryFreeMB, vmById, type ActiveMigration, type ClusterModel, type NodeModel, type VmModel, type VolumeModel,
} from './cluster-model.js';
import { positionAt } from './migration-plan.js';

/** A migration under way, for inspection by tests and rehearsals. */
export interface SimulatedMigration {
  id: number;
  vm: string;
  source: string;
  target: string;
  type: MigrationType;
  startedAt: number;
  phase: MigrationPhase;
  pass?: number;
  percent: number;
  /** When it will end if nothing goes wrong. */
  endsAt: number;
}

export function nodeView(model: ClusterModel, node: NodeModel): ClusterNode {
  return {
    name: node.name, state: node.state, drainStatus: node.drainStatus, memoryTotalMB: node.memoryTotalMB,
    memoryFreeMB: memoryFreeMB(model, node), liveMigrationLimit: node.liveMigrationLimit,
    hostMigrationLimit: node.hostMigrationLimit, migrationPerformance: node.migrationPerformance,
    ...(model.maximumParallelMigrations === undefined ? {} : { clusterMigrationLimit: model.maximumParallelMigrations }),
  };
}

export function volumeView(volume: VolumeModel): SharedVolume {
  return {
    name: volume.name, ownerNode: volume.ownerNode, state: volume.moving ? 'Pending' : volume.state, path: volume.path,
    sizeGB: volume.sizeGB, freeGB: volume.freeGB, redirected: volume.redirected.map((r) => ({ ...r })),
  };
}

/** During a quick migration the guest is saving, saved while the group moves, then starting on the target. */
export function vmView(model: ClusterModel, vm: VmModel, now: number): ClusterVm {
  const m = activeFor(model, vm.id);
  const phase = m ? positionAt(m.plan, now - m.startedAt).phase : undefined;
  const quickStates: Partial<Record<MigrationPhase, VmState>> = { saving: 'Saving', moving: 'Saved', restoring: 'Starting' };
  const guestRuns = vm.state === 'Running' || vm.state === 'Paused';
  const state = guestRuns && m?.plan.type === 'quick' && phase ? quickStates[phase] ?? vm.state : vm.state;
  return {
    name: vm.name, id: vm.id, ownerNode: vm.ownerNode, state, memoryMB: vm.memoryMB, clustered: vm.clustered,
    ...(vm.possibleOwners ? { possibleOwners: [...vm.possibleOwners] } : {}),
  };
}

export function migrationView(model: ClusterModel, m: ActiveMigration, now: number): SimulatedMigration {
  return {
    id: m.id, vm: vmById(model, m.vmId).name, source: m.source, target: m.target, type: m.type, startedAt: m.startedAt,
    ...positionAt(m.plan, now - m.startedAt), endsAt: m.startedAt + m.plan.totalMs,
  };
}
