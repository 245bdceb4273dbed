/** @module volumes: the Cluster Shared Volumes with owner, state and free space. */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';

const args = z.object({});
type Args = z.infer<typeof args>;

export const volumes: ReadCommandSpec<Args> = {
  name: 'volumes',
  summary: 'List the Cluster Shared Volumes: owner node, state and free space.',
  patterns: [{ pattern: 'volumes' }, { pattern: 'csv' }, { pattern: 'list volumes' }],
  args,
  risk: 'read',
  examples: ['volumes'],
  async answer(_args, ctx) {
    const list = await ctx.cluster.listVolumes();
    return message([
      { type: 'header', text: `${list.length} Cluster Shared Volume${list.length === 1 ? '' : 's'} in ${ctx.clusterName}` },
      {
        type: 'table',
        columns: ['Volume', 'Owner', 'State', 'Free', 'Path'],
        rows: list.map((v) => [v.name, v.ownerNode, v.state, `${v.freeGB} of ${v.sizeGB} GB`, v.path]),
      },
    ]);
  },
};
