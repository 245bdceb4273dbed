/** @module checkpoint: take a checkpoint of a VM, named as given or as Hyper-V names it. */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec } from '../src/core/command-spec.js';
import { streamEvents } from '../src/core/event-channel.js';
import { clockTime } from '../src/core/format.js';
import { explained } from './support/explain.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;

/** Hyper-V checkpoint names are free text; 100 characters like VM names, no control characters. */
const checkpointName = z
  .string()
  .min(1)
  .max(100, 'checkpoint name is longer than 100 characters')
  .refine((s) => !CONTROL.test(s), 'checkpoint name contains a control character');

const args = z.object({ vm: vmName, name: checkpointName.optional() });
type Args = z.infer<typeof args>;

export const checkpoint: ChangeCommandSpec<Args> = {
  name: 'checkpoint',
  summary: 'Take a checkpoint of a VM, with a name or the one Hyper-V gives it (`checkpoints <vm>` lists them).',
  patterns: [{ pattern: 'checkpoint {vm}' }, { pattern: 'checkpoint {vm} {name...}' }],
  args,
  risk: 'change',
  examples: ['checkpoint vm42', 'checkpoint vm42 before patching', 'checkpoint "SQL Server 01" "pre-upgrade"'],

  async preflight({ vm: wanted, name }, ctx) {
    const vm = await ctx.findVm(wanted);
    const node = (await ctx.cluster.listNodes()).find((n) => n.name.toLowerCase() === vm.ownerNode.toLowerCase());
    const down = node?.state === 'Down';
    const existing = down ? [] : await ctx.cluster.listCheckpoints(vm.name);
    const named = name ? `"${name}"` : 'named by Hyper-V';
    return {
      summary: `Checkpoint of ${vm.name} (${named})`,
      facts: [
        { label: 'VM', value: `${vm.name} is ${vm.state} on ${vm.ownerNode}` },
        { label: 'Node', value: `${vm.ownerNode} is ${node?.state ?? 'unknown'}`, ok: !down },
        { label: 'Checkpoints', value: existing.length ? `${existing.length} already; the newest is "${existing[existing.length - 1]?.name}"` : 'none yet' },
      ],
      holds: [`vm:${vm.name}`],
    };
  },

  run({ vm: wanted, name }, ctx) {
    return streamEvents(explained(async () => {
      const vm = await ctx.findVm(wanted);
      const taken = await ctx.cluster.checkpointVm(vm.name, name);
      return {
        ok: true,
        summary: `Checkpoint "${taken.name}" of ${taken.vm} taken at ${clockTime(taken.createdAt)}`,
        facts: [{ label: 'Id', value: taken.id }, ...(taken.parent ? [{ label: 'On top of', value: taken.parent }] : [])],
      };
    }));
  },
};
