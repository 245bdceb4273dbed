/**
 * @module move-volume: make another node the coordinator (owner) of a Cluster Shared Volume.
 * Disruptive: every node's metadata I/O to the volume pauses while ownership moves.
 */
import { z } from 'zod';
import type { SharedVolume } from '../src/cluster/cluster.js';
import { nodeName, volumeName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec, CommandContext } from '../src/core/command-spec.js';
import { NotFoundError } from '../src/core/errors.js';
import { streamEvents } from '../src/core/event-channel.js';
import { duration } from '../src/core/format.js';
import { nearestNames } from '../src/core/nearest.js';
import { explained } from './support/explain.js';
import { accessOf } from './support/volume-access.js';

const args = z.object({ volume: volumeName, node: nodeName });
type Args = z.infer<typeof args>;

async function findVolume(wanted: string, ctx: CommandContext): Promise<SharedVolume> {
  const list = await ctx.cluster.listVolumes();
  const found = list.find((v) => v.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  throw new NotFoundError('volume', wanted, ctx.clusterName, nearestNames(wanted, list.map((v) => v.name)));
}

export const moveVolume: ChangeCommandSpec<Args> = {
  name: 'move volume',
  summary: 'Make another node the owner (coordinator) of a Cluster Shared Volume; I/O to it pauses while it moves.',
  patterns: [{ pattern: 'move volume {volume} to {node}' }, { pattern: 'move csv {volume} to {node}' }],
  args,
  risk: 'disruptive',
  examples: ['move volume Volume1 to node2', 'move csv "Cluster Disk 3" to node3'],

  async preflight({ volume: wanted, node: nodeWanted }, ctx) {
    const volume = await findVolume(wanted, ctx);
    const node = await ctx.findNode(nodeWanted);
    const there = volume.ownerNode.toLowerCase() === node.name.toLowerCase();
    return {
      summary: `Move ${volume.name} (${volume.path}) from ${volume.ownerNode} to ${node.name}`,
      facts: [
        { label: 'Volume', value: `${volume.name} is ${volume.state}`, ok: volume.state === 'Online' },
        { label: 'Owner', value: there ? `${node.name} already owns ${volume.name}` : `${volume.ownerNode} owns it now`, ok: !there },
        { label: 'Target', value: `${node.name} is ${node.state}`, ok: node.state === 'Up' },
        { label: 'Access', value: accessOf(volume) },
        { label: 'Effect', value: `I/O to ${volume.name} pauses on every node for a few seconds while ownership moves; VMs keep running.` },
      ],
      holds: [`volume:${volume.name}`],
    };
  },

  run({ volume: wanted, node: nodeWanted }, ctx) {
    return streamEvents(explained(async (emit) => {
      const volume = await findVolume(wanted, ctx);
      const node = await ctx.findNode(nodeWanted);
      ctx.signal.throwIfAborted();
      emit({ kind: 'step', text: `Moving ${volume.name} from ${volume.ownerNode} to ${node.name}…` });
      const moved = await ctx.cluster.moveVolume(volume.name, node.name);
      return {
        ok: true,
        summary: `${moved.volume} is owned by ${moved.target} (moved from ${moved.source} in ${duration(moved.durationMs)})`,
        facts: [{ label: 'From', value: moved.source }, { label: 'To', value: moved.target }, { label: 'Took', value: duration(moved.durationMs) }],
      };
    }));
  },
};
