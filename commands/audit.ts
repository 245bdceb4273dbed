/** @module audit: recent audit entries, optionally about one VM, node or person, since a time. */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

const since = z
  .string()
  .regex(/^\d{1,4}[mhd]$/, 'since should look like 30m, 2h or 7d')
  .transform((s) => Number(s.slice(0, -1)) * UNITS[s.slice(-1)]!);

const args = z.object({ about: z.string().min(1).max(100).optional(), since: since.optional() });
type Args = z.infer<typeof args>;

export const audit: ReadCommandSpec<Args> = {
  name: 'audit',
  summary: 'Show recent audit entries: who asked, who decided, what ran and how it ended.',
  patterns: [{ pattern: 'audit' }, { pattern: 'audit {about}' }],
  options: ['since'],
  args,
  risk: 'read',
  examples: ['audit', 'audit vm42', 'audit bob --since 2h'],
  async answer({ about, since: window }, ctx) {
    const entries = await ctx.audit.recent({ about, since: window === undefined ? undefined : ctx.clock.now() - window, limit: 20 });
    const scope = [about ? `about ${about}` : '', window === undefined ? '' : `in the last ${Math.round(window / 60_000)} min`].filter(Boolean).join(' ');
    if (entries.length === 0) return message([{ type: 'section', text: `No audit entries${scope ? ` ${scope}` : ''}.` }]);
    return message([
      { type: 'header', text: `Audit${scope ? ` ${scope}` : ''}: the last ${entries.length}` },
      {
        type: 'table',
        columns: ['When (UTC)', 'Event', '#', 'Who', 'What'],
        rows: entries.map((e) => [
          e.at.slice(0, 16).replace('T', ' '),
          e.event,
          e.requestId === undefined ? '' : `#${e.requestId}`,
          e.actor?.name ?? '',
          [e.command, ...Object.values(e.args ?? {}).map(String), e.detail].filter(Boolean).join(' ').slice(0, 120),
        ]),
      },
    ]);
  },
};
