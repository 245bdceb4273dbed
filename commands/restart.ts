/** @module restart: a hard restart of a running VM (like pressing reset): disruptive, may lose unsaved data. */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec } from '../src/core/command-spec.js';
import { powerPreflight, powerRun } from './support/vm-power.js';

const args = z.object({ vm: vmName });
type Args = z.infer<typeof args>;

export const restart: ChangeCommandSpec<Args> = {
  name: 'restart',
  summary: 'Restart a running VM the hard way (like pressing reset): the guest loses what it has not saved.',
  patterns: [{ pattern: 'restart {vm}' }, { pattern: 'restart vm {vm}' }, { pattern: 'reset {vm}' }],
  args,
  risk: 'disruptive',
  examples: ['restart web01'],
  preflight: ({ vm }, ctx) => powerPreflight('restart', vm, ctx),
  run: ({ vm }, ctx) => powerRun('restart', vm, ctx),
};
