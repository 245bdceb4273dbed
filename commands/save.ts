/** @module save: save a running VM: its memory goes to disk and it stops running until started again. */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec } from '../src/core/command-spec.js';
import { powerPreflight, powerRun } from './support/vm-power.js';

const args = z.object({ vm: vmName });
type Args = z.infer<typeof args>;

export const save: ChangeCommandSpec<Args> = {
  name: 'save',
  summary: 'Save a VM: its memory is written to disk and it stops running until `start` resumes it.',
  patterns: [{ pattern: 'save {vm}' }, { pattern: 'save vm {vm}' }],
  args,
  risk: 'change',
  examples: ['save web01'],
  preflight: ({ vm }, ctx) => powerPreflight('save', vm, ctx),
  run: ({ vm }, ctx) => powerRun('save', vm, ctx),
};
