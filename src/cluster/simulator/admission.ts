/**
 * @module simulator/admission: the checks a cluster makes before it accepts a migration, each
 * refusal a ClusterError with its code and a message that says what is wrong.
 */
import type { MigrationRequest } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { explainWindowsError, windowsErrorText } from '../windows-errors.js';
import {
  activeFor, findNode, findVm, findVolume, isBusy, isResident, memoryFreeMB,
  type ClusterModel, type NodeModel, type VmModel, type VolumeModel,
} from './cluster-model.js';
import { refusalMessage, takeRefusal, type MigrationParties } from './failure-injection.js';
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

export function requireVolume(model: ClusterModel, name: string): VolumeModel {
  const volume = findVolume(model, name);
  if (!volume) throw new ClusterError('volume-not-found', `no Cluster Shared Volume named "${name}" on ${model.name}`, { volume: name });
  return volume;
}

/** Refuses a VM that is migrating, queued to fail back, or changing power state. */
export function requireIdle(model: ClusterModel, vm: VmModel): void {
  if (!isBusy(model, vm.id)) return;
  const to = activeFor(model, vm.id)?.target;
  const doing = to ? `already migrating to ${to}` : vm.powerChange ? `busy (${vm.powerChange.action} under way)` : 'queued to fail back';
  throw new ClusterError('busy', `${vm.name} is ${doing}`, { vm: vm.name, ...(to ? { target: to } : {}) });
}

export function requireNode(model: ClusterModel, name: string): NodeModel {
  const node = findNode(model, name);
  if (!node) throw new ClusterError('node-not-found', `no node named "${name}" on ${model.name}`, { node: name });
  return node;
}

/**
 * Refuses as a cluster would: unknown names, unclustered or busy VM, same node, node not Up, not a
 * possible owner, short of memory; then any refusal armed for this move (Windows' own error).
 */
export function admitMigration(model: ClusterModel, request: MigrationRequest): AdmittedMigration {
  const vm = requireVm(model, request.vm);
  const target = requireNode(model, request.node);
  if (!vm.clustered) {
    throw new ClusterError('not-clustered', `${vm.name} is not a clustered VM, so the cluster cannot move it`, { vm: vm.name });
  }
  requireIdle(model, vm);
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
  if (vm.possibleOwners && !vm.possibleOwners.includes(target.name)) {
    throw new ClusterError('not-possible-owner',
      `${target.name} is not a possible owner of ${vm.name} (its possible owners: ${vm.possibleOwners.join(', ')}); pick one of them, or add ${target.name} to the possible owners of its resource`,
      { vm: vm.name, node: target.name });
  }
  const freeMB = memoryFreeMB(model, target);
  if (isResident(vm) && vm.memoryMB > freeMB) {
    throw new ClusterError('not-enough-memory',
      `${target.name} has ${formatMemory(Math.max(0, freeMB))} free; ${vm.name} needs ${formatMemory(vm.memoryMB)}`,
      { node: target.name, neededMB: vm.memoryMB, freeMB });
  }
  armedRefusal(model, { vm: vm.name, source: vm.ownerNode, target: target.name }, target);
  return { vm, target };
}

/** An armed refusal strikes as Move-ClusterVirtualMachineRole would fail: with Windows' code in its text. */
function armedRefusal(model: ClusterModel, m: MigrationParties, target: NodeModel): void {
  const refusal = takeRefusal(model.injections, m);
  if (!refusal) return;
  const explanation = explainWindowsError(refusal.kind);
  if (refusal.kind === 'node-paused' && target.state === 'Up') {
    target.state = 'Paused';
    target.leftWhilePaused = [];
  }
  throw new ClusterError(explanation.code, refusalMessage(refusal.kind, m),
    { vm: m.vm, node: m.target, hresult: windowsErrorText(refusal.kind) }, explanation);
}
