/**
 * @module simulator/admission: the checks a cluster makes before it accepts a migration, each
 * refusal a ClusterError with its code and a message that says what is wrong.
 */
import type { MigrationRequest } from '../cluster.js';
import { ClusterError } from '../errors.js';
import {
  activeFor, findNode, findVm, isBusy, isResident, memoryFreeMB,
  type ClusterModel, type NodeModel, type VmModel,
} from './cluster-model.js';
import { formatMemory } from './wording.js';

export interface AdmittedMigration {
  vm: VmModel;
  target: NodeModel;
}

export function requireVm(model: ClusterModel, name: string): VmModel {
  const vm = findVm(model, name);
  if (!vm) throw new ClusterError('vm-not-found', `no VM named "${name}" on ${model.name}`, { vm: name });
  return vm;
}

export function requireNode(model: ClusterModel, name: string): NodeModel {
  const node = findNode(model, name);
  if (!node) throw new ClusterError('node-not-found', `no node named "${name}" on ${model.name}`, { node: name });
  return node;
}

/** Refuses as a cluster would: unknown names, unclustered or busy VM, same node, node not Up, short of memory. */
export function admitMigration(model: ClusterModel, request: MigrationRequest): AdmittedMigration {
  const vm = requireVm(model, request.vm);
  const target = requireNode(model, request.node);
  if (!vm.clustered) {
    throw new ClusterError('not-clustered', `${vm.name} is not a clustered VM, so the cluster cannot move it`, { vm: vm.name });
  }
  if (isBusy(model, vm.id)) {
    const to = activeFor(model, vm.id)?.target;
    const doing = to ? `already migrating to ${to}` : 'queued to fail back';
    throw new ClusterError('busy', `${vm.name} is ${doing}`, { vm: vm.name, ...(to ? { target: to } : {}) });
  }
  if (vm.ownerNode === target.name) {
    throw new ClusterError('already-there', `${vm.name} is already on ${target.name}`, { vm: vm.name, node: target.name });
  }
  if (target.state !== 'Up') {
    throw new ClusterError('node-not-up', `${target.name} is ${target.state === 'Down' ? 'down' : 'paused'}, so nothing can move to it`,
      { node: target.name, state: target.state });
  }
  const source = findNode(model, vm.ownerNode);
  if (source?.state === 'Down') {
    throw new ClusterError('node-not-up', `${vm.name} is on ${source.name}, which is down`, { node: source.name, state: source.state });
  }
  const freeMB = memoryFreeMB(model, target);
  if (isResident(vm) && vm.memoryMB > freeMB) {
    throw new ClusterError('not-enough-memory',
      `${target.name} has ${formatMemory(Math.max(0, freeMB))} free; ${vm.name} needs ${formatMemory(vm.memoryMB)}`,
      { node: target.name, neededMB: vm.memoryMB, freeMB });
  }
  return { vm, target };
}
