/** @module help: the command list, or one command in full; generated from the specs. */
import { z } from 'zod';
import type { AnyCommandSpec, ReadCommandSpec } from '../src/core/command-spec.js';
import { NotFoundError } from '../src/core/errors.js';
import { message } from '../src/core/messages.js';
import { nearestNames } from '../src/core/nearest.js';

const args = z.object({ command: z.string().max(60).optional() });
type Args = z.infer<typeof args>;

const RISK_NOTE: Record<AnyCommandSpec['risk'], string> = {
  read: 'read-only, answers at once',
  change: 'changes the cluster: needs an approval from someone else',
  disruptive: 'disruptive: needs approvals from two other people (by default)',
};

export const help: ReadCommandSpec<Args> = {
  name: 'help',
  summary: 'List the commands, or explain one.',
  patterns: [{ pattern: 'help' }, { pattern: 'help {command...}' }, { pattern: '?' }],
  args,
  risk: 'read',
  access: 'anyone',
  examples: ['help', 'help migrate'],
  async answer({ command }, ctx) {
    const specs = ctx.catalog.specs();
    if (!command) {
      return message([
        { type: 'header', text: 'What I can do' },
        { type: 'table', columns: ['Command', 'What it does'], rows: specs.map((s) => [ctx.catalog.usage(s)[0] ?? s.name, s.summary]) },
        { type: 'context', text: 'Options: --what-if (check and plan only), --cluster NAME. Type `help <command>` for details.' },
      ]);
    }
    const word = command.trim().toLowerCase();
    const spec = specs.find((s) => s.name === word || ctx.catalog.usage(s).some((u) => u.startsWith(`${word} `) || u === word));
    if (!spec) throw new NotFoundError('command', command, undefined, nearestNames(command, specs.map((s) => s.name)));
    return message([
      { type: 'header', text: spec.name },
      { type: 'section', text: spec.summary },
      { type: 'fields', fields: [
        { label: 'Usage', value: ctx.catalog.usage(spec).join('  |  ') },
        { label: 'Risk', value: RISK_NOTE[spec.risk] },
        { label: 'Examples', value: spec.examples.join('  |  ') },
      ] },
    ]);
  },
};
