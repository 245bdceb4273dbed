/**
 * @module events: what the cluster logged lately that matters (failed moves, nodes leaving, CSVs
 * pausing), newest first, about one VM or node if asked, with the event ids Windows gives them.
 */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

const since = z
  .string()
  .regex(/^\d{1,4}[mhd]$/, 'since should look like 30m, 2h or 7d')
  .transform((s) => Number(s.slice(0, -1)) * UNITS[s.slice(-1)]!)
  .refine((ms) => ms > 0, 'since must be more than 0');

const args = z.object({ about: z.string().min(1).max(100).optional(), since: since.default(3_600_000) });
type Args = z.infer<typeof args>;

const MAX_SHOWN = 25;

function window(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

export const events: ReadCommandSpec<Args> = {
  name: 'events',
  summary: 'Show what the cluster logged lately that matters (failed moves, nodes leaving, CSVs pausing), with event ids.',
  patterns: [{ pattern: 'events' }, { pattern: 'events {about}' }, { pattern: 'events for {about}' }],
  options: ['since'],
  args,
  risk: 'read',
  examples: ['events', 'events vm42', 'events node2 --since 1d'],
  async answer({ about, since: sinceMs }, ctx) {
    const list = await ctx.cluster.recentEvents({ sinceMs, ...(about ? { about } : {}) });
    const scope = `${about ? ` about ${about}` : ''} in the last ${window(sinceMs)}`;
    if (list.length === 0) return message([{ type: 'section', text: `No failover or Hyper-V high-availability events${scope} on ${ctx.clusterName}.` }]);
    const shown = list.slice(0, MAX_SHOWN);
    return message([
      { type: 'header', text: `${list.length} event${list.length === 1 ? '' : 's'}${scope} on ${ctx.clusterName}` },
      {
        type: 'table',
        columns: ['When (UTC)', 'Id', 'Level', 'Node', 'What'],
        rows: shown.map((e) => [new Date(e.at).toISOString().slice(0, 19).replace('T', ' '), String(e.id), e.level, e.node, e.message.slice(0, 200)]),
      },
      ...(list.length > MAX_SHOWN ? [{ type: 'context' as const, text: `The newest ${MAX_SHOWN} of ${list.length}; narrow it with \`events <vm|node>\` or --since.` }] : []),
    ]);
  },
};
