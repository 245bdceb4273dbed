/** @module resume: bring a paused node back, optionally failing its roles back. */
import { z } from 'zod';
import { nodeName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec } from '../src/core/command-spec.js';
import { streamEvents } from '../src/core/event-channel.js';

const args = z.object({ node: nodeName, failback: z.boolean().default(false) });
type Args = z.infer<typeof args>;

export const resume: ChangeCommandSpec<Args> = {
  name: 'resume',
  summary: 'Resume a paused node so it takes roles again; `with failback` also moves its VMs back.',
  patterns: [{ pattern: 'resume {node}' }, { pattern: 'resume {node} with failback', set: { failback: true } }],
  args,
  risk: 'change',
  examples: ['resume node1', 'resume node1 with failback'],

  async preflight({ node: wanted, failback }, ctx) {
    const node = await ctx.findNode(wanted);
    return {
      summary: `Resume ${node.name}${failback ? ' and fail its roles back' : ''}`,
      facts: [{ label: 'Node', value: `${node.name} is ${node.state}`, ok: node.state === 'Paused' }],
      holds: [`node:${node.name}`],
    };
  },

  run({ node: wanted, failback }, ctx) {
    return streamEvents(async () => {
      const node = await ctx.findNode(wanted);
      await ctx.cluster.resumeNode(node.name, { failback: failback ? 'immediate' : 'none' });
      return { ok: true, summary: `${node.name} is Up again${failback ? '; its roles are failing back' : ''}` };
    });
  },
};
