/** @module volumes: the Cluster Shared Volumes with owner, state, free space, and which nodes reach them redirected, and why. */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { sizeColumn } from '../src/core/format.js';
import { message } from '../src/core/messages.js';
import { accessOf } from './support/volume-access.js';

const args = z.object({});
type Args = z.infer<typeof args>;

export const volumes: ReadCommandSpec<Args> = {
  name: 'volumes',
  summary: 'List the Cluster Shared Volumes: owner node, state, free space, and redirected access with its reason.',
  patterns: [{ pattern: 'volumes' }, { pattern: 'csv' }, { pattern: 'list volumes' }],
  args,
  risk: 'read',
  examples: ['volumes'],
  async answer(_args, ctx) {
    const list = await ctx.cluster.listVolumes();
    const redirected = list.filter((v) => v.redirected.length > 0);
    const size = sizeColumn(list.map((v) => v.sizeGB));
    const unit = (text: string) => text.replace(/ (TiB|GiB)$/, '');
    return message([
      { type: 'header', text: `${list.length} Cluster Shared Volume${list.length === 1 ? '' : 's'} in ${ctx.clusterName}` },
      {
        type: 'table',
        columns: ['Volume', 'Owner', 'State', 'Free', 'Path', 'Access'],
        rows: list.map((v) => [v.name, v.ownerNode, v.state, `${unit(size(v.freeGB))} of ${size(v.sizeGB)}`, v.path, accessOf(v)]),
      },
      ...(redirected.length
        ? [{ type: 'context' as const, text: 'Redirected I/O goes over the network through the owner node. FileSystemReFs is normal on ReFS; UserRequest, NoDiskConnectivity or IncompatibleFileSystemFilter are worth a look.' }]
        : []),
    ]);
  },
};
