/** @module vm: one VM's facts. */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { gib } from '../src/core/format.js';
import { message } from '../src/core/messages.js';
import { isActive } from '../src/core/requests.js';

const args = z.object({ vm: vmName });
type Args = z.infer<typeof args>;

export const vm: ReadCommandSpec<Args> = {
  name: 'vm',
  summary: 'Show one VM: node, state, memory, and any request or job holding it.',
  patterns: [{ pattern: 'vm {vm}' }, { pattern: 'show {vm}' }, { pattern: 'show vm {vm}' }],
  args,
  risk: 'read',
  examples: ['vm vm42', 'vm "SQL Server 01"'],
  async answer({ vm: wanted }, ctx) {
    const found = await ctx.findVm(wanted);
    const holder = (await ctx.requests.list()).find(
      (r) => r.cluster === ctx.clusterName && isActive(r) && r.holds.some((h) => h.toLowerCase() === `vm:${found.name}`.toLowerCase()),
    );
    return message([
      { type: 'header', text: `${found.name} on ${ctx.clusterName}` },
      {
        type: 'fields',
        fields: [
          { label: 'Node', value: found.ownerNode },
          { label: 'State', value: found.state },
          { label: 'Memory', value: gib(found.memoryMB) },
          { label: 'Clustered', value: found.clustered ? 'yes' : 'no' },
          { label: 'Id', value: found.id },
          ...(holder ? [{ label: 'Busy', value: `#${holder.id} ${holder.summary} (${holder.state})` }] : []),
        ],
      },
    ]);
  },
};
