/** @module start: start a VM that is off or saved (a saved one resumes where it was). */
import { z } from 'zod';
import { vmName } from '../src/core/arg-types.js';
import type { ChangeCommandSpec } from '../src/core/command-spec.js';
import { powerPreflight, powerRun } from './support/vm-power.js';

const args = z.object({ vm: vmName });
type Args = z.infer<typeof args>;

export const start: ChangeCommandSpec<Args> = {
  name: 'start',
  summary: 'Start a VM that is off or saved; a saved VM resumes where it was.',
  patterns: [{ pattern: 'start {vm}' }, { pattern: 'start vm {vm}' }],
  args,
  risk: 'change',
  examples: ['start test-win11', 'start "SQL Server 01"'],
  preflight: ({ vm }, ctx) => powerPreflight('start', vm, ctx),
  run: ({ vm }, ctx) => powerRun('start', vm, ctx),
};
