/**
 * @module stop: stop a VM. Two specs, one per risk: `stop <vm>` asks the guest to shut down (a
 * change); `stop <vm> --force` (or `turn off <vm>`) pulls the plug, which may lose data, so it is
 * disruptive. The parser sends `--force` to the spec that takes it.
 */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec } from '../src/core/command-spec.js';
import { powerPreflight, powerRun } from './support/vm-power.js';

const args = z.object({ vm: vmName });
type Args = z.infer<typeof args>;

export const stop: ChangeCommandSpec<Args> = {
  name: 'stop',
  summary: 'Shut a VM down: the guest is asked to shut down cleanly. `stop <vm> --force` turns it off instead.',
  patterns: [{ pattern: 'stop {vm}' }, { pattern: 'shut down {vm}' }, { pattern: 'shutdown {vm}' }],
  args,
  risk: 'change',
  examples: ['stop web01', 'shut down "SQL Server 01"'],
  preflight: ({ vm }, ctx) => powerPreflight('shutdown', vm, ctx),
  run: ({ vm }, ctx) => powerRun('shutdown', vm, ctx),
};

const forceArgs = z.object({ vm: vmName, force: z.literal(true, 'takes no value: write --force').optional() });
type ForceArgs = z.infer<typeof forceArgs>;

export const turnOff: ChangeCommandSpec<ForceArgs> = {
  name: 'turn off',
  summary: 'Turn a VM off (`stop <vm> --force`): like pulling the plug, whatever the guest has not saved is lost.',
  patterns: [{ pattern: 'turn off {vm}' }, { pattern: 'stop {vm}' }, { pattern: 'power off {vm}' }],
  options: ['force'],
  args: forceArgs,
  risk: 'disruptive',
  examples: ['stop web01 --force', 'turn off lab-scratch'],
  preflight: ({ vm }, ctx) => powerPreflight('turn-off', vm, ctx),
  run: ({ vm }, ctx) => powerRun('turn-off', vm, ctx),
};
