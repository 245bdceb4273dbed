/**
 * @module simulator/volume-moves: Move-ClusterSharedVolume on the simulated cluster. Only the
 * coordinator changes; the volume shows Pending (its metadata I/O paused) for the move's length.
 * Refusals as the cluster's: unknown names, a volume that is not online or already moving, a
 * target that is not up or already the owner.
 */
import type { VolumeMove } from '../cluster.js';
import { ClusterError } from '../errors.js';
import { requireNode, requireVolume } from './admission.js';
import type { ModelAccess } from './cluster-model.js';

/** How long the ownership move pauses the volume. */
export const VOLUME_MOVE_MS = 2000;

export async function moveSimulatedVolume(access: ModelAccess, name: string, nodeName: string): Promise<VolumeMove> {
  const model = access.sync();
  const volume = requireVolume(model, name);
  const target = requireNode(model, nodeName);
  if (volume.moving) {
    throw new ClusterError('busy', `${volume.name} is already moving to ${volume.moving.target}`, { volume: volume.name, target: volume.moving.target });
  }
  if (volume.state !== 'Online') {
    throw new ClusterError('wrong-state', `${volume.name} is ${volume.state}; only an online volume can move`, { volume: volume.name, state: volume.state });
  }
  if (volume.ownerNode === target.name) {
    throw new ClusterError('already-there', `${volume.name} is already owned by ${target.name}`, { volume: volume.name, node: target.name });
  }
  if (target.state !== 'Up') {
    throw new ClusterError('node-not-up', `${target.name} is ${target.state === 'Down' ? 'down' : 'paused'}, so it cannot take ${volume.name}`,
      { volume: volume.name, node: target.name, state: target.state });
  }
  const source = volume.ownerNode;
  const startedAt = access.clock.now();
  volume.moving = { target: target.name, until: startedAt + VOLUME_MOVE_MS };
  try {
    await access.clock.sleep(VOLUME_MOVE_MS);
  } finally {
    delete volume.moving;
  }
  const after = requireNode(access.sync(), target.name);
  if (after.state === 'Down') {
    throw new ClusterError('node-not-up', `${after.name} went down while taking ${volume.name}; ${volume.ownerNode} still owns it`,
      { volume: volume.name, node: after.name, state: after.state });
  }
  volume.ownerNode = target.name;
  return { volume: volume.name, source, target: target.name, durationMs: access.clock.now() - startedAt };
}
