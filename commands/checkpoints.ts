/** @module checkpoints: a VM's checkpoints, oldest first. */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';

const args = z.object({ vm: vmName });
type Args = z.infer<typeof args>;

export const checkpoints: ReadCommandSpec<Args> = {
  name: 'checkpoints',
  summary: 'List the checkpoints of a VM, oldest first.',
  patterns: [{ pattern: 'checkpoints {vm}' }, { pattern: 'checkpoints of {vm}' }, { pattern: 'list checkpoints {vm}' }],
  args,
  risk: 'read',
  examples: ['checkpoints vm42'],
  async answer({ vm: wanted }, ctx) {
    const vm = await ctx.findVm(wanted);
    const list = await ctx.cluster.listCheckpoints(vm.name);
    if (list.length === 0) return message([{ type: 'section', text: `${vm.name} has no checkpoints. \`checkpoint ${vm.name} <name>\` takes one.` }]);
    return message([
      { type: 'header', text: `${list.length} checkpoint${list.length === 1 ? '' : 's'} of ${vm.name}` },
      {
        type: 'table',
        columns: ['Name', 'Taken (UTC)', 'On top of'],
        rows: list.map((c) => [c.name, new Date(c.createdAt).toISOString().slice(0, 16).replace('T', ' '), c.parent ?? '']),
      },
    ]);
  },
};
