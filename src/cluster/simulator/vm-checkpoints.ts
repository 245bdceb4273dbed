/**
 * @module simulator/vm-checkpoints: Checkpoint-VM and Get-VMSnapshot on the simulated cluster.
 * Each checkpoint is taken on top of the previous one, and named as Hyper-V names it when no name
 * is given.
 */
import type { VmCheckpoint } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { requireIdle, requireVm } from './admission.js';
import { findNode, type ClusterModel, type ModelAccess, type VmModel } from './cluster-model.js';
import { vmIdFor } from './inventory.js';

export const CHECKPOINT_MS = 1000;

/** Hyper-V's default name: `vm42 - (11/25/2026 - 09:00:00)`, in the host's time (UTC here). */
export function defaultCheckpointName(vm: string, at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()}`;
  return `${vm} - (${date} - ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())})`;
}

/** Hyper-V on a node that is down cannot be asked about its VMs. */
function requireOwnerUp(model: ClusterModel, vm: VmModel): void {
  const owner = findNode(model, vm.ownerNode);
  if (owner?.state === 'Down') {
    throw new ClusterError('node-not-up', `${vm.name} is on ${owner.name}, which is down`, { vm: vm.name, node: owner.name, state: owner.state });
  }
}

export async function takeSimulatedCheckpoint(access: ModelAccess, name: string, checkpointName?: string): Promise<VmCheckpoint> {
  const model = access.sync();
  const vm = requireVm(model, name);
  requireIdle(model, vm);
  requireOwnerUp(model, vm);
  const startedAt = access.clock.now();
  vm.powerChange = { action: 'checkpoint', until: startedAt + CHECKPOINT_MS };
  try {
    await access.clock.sleep(CHECKPOINT_MS);
  } finally {
    delete vm.powerChange;
  }
  const parent = vm.checkpoints[vm.checkpoints.length - 1];
  const checkpoint = {
    name: checkpointName === undefined || checkpointName === '' ? defaultCheckpointName(vm.name, startedAt) : checkpointName,
    id: vmIdFor(`${vm.id}:checkpoint:${vm.checkpoints.length + 1}`),
    createdAt: startedAt,
    ...(parent ? { parent: parent.name } : {}),
  };
  vm.checkpoints.push(checkpoint);
  return { vm: vm.name, ...checkpoint };
}

export function listSimulatedCheckpoints(access: ModelAccess, name: string): VmCheckpoint[] {
  const model = access.sync();
  const vm = requireVm(model, name);
  requireOwnerUp(model, vm);
  return vm.checkpoints.map((c) => ({ vm: vm.name, ...c }));
}
