/**
 * @module events: what the cluster logged lately that matters (failed moves, nodes leaving, CSVs
 * pausing), newest first, about one VM or node if asked, with the event ids Windows gives them.
 */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';
import { pageFooter, pageNumber, pageOf, typed } from '../src/core/pages.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

const since = z
  .string()
  .regex(/^\d{1,4}[mhd]$/, 'since should look like 30m, 2h or 7d')
  .transform((s) => Number(s.slice(0, -1)) * UNITS[s.slice(-1)]!)
  .refine((ms) => ms > 0, 'since must be more than 0');

const args = z.object({ about: z.string().min(1).max(100).optional(), since: since.default(3_600_000), page: pageNumber.optional() });
type Args = z.infer<typeof args>;

/** The window as typed back: `2h`, `30m`, `7d`. */
function sinceOption(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}

function window(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

export const events: ReadCommandSpec<Args> = {
  name: 'events',
  summary: 'Show what the cluster logged lately that matters (failed moves, nodes leaving, CSVs pausing), with event ids.',
  patterns: [{ pattern: 'events [page {page}]' }, { pattern: 'events {about} [page {page}]' }, { pattern: 'events for {about} [page {page}]' }],
  options: ['since'],
  args,
  risk: 'read',
  examples: ['events', 'events vm42', 'events node2 --since 1d', 'events page 2'],
  async answer({ about, since: sinceMs, page }, ctx) {
    const list = await ctx.cluster.recentEvents({ sinceMs, ...(about ? { about } : {}) });
    const scope = `${about ? ` about ${about}` : ''} in the last ${window(sinceMs)}`;
    if (list.length === 0) return message([{ type: 'section', text: `No failover or Hyper-V high-availability events${scope} on ${ctx.clusterName}.` }]);
    const command = (n: number) =>
      ['events', about ? typed(about) : '', sinceMs === 3_600_000 ? '' : `--since ${sinceOption(sinceMs)}`, `page ${n}`].filter(Boolean).join(' ');
    const shown = pageOf(list, page ?? 1, command);
    const ofPages = shown.pages > 1 ? ` (page ${shown.page} of ${shown.pages}, newest first)` : '';
    return message(
      [
        { type: 'header', text: `${list.length} event${list.length === 1 ? '' : 's'}${scope} on ${ctx.clusterName}${ofPages}` },
        {
          type: 'table',
          columns: ['When (UTC)', 'Id', 'Level', 'Node', 'What'],
          rows: shown.rows.map((e) => [new Date(e.at).toISOString().slice(0, 19).replace('T', ' '), String(e.id), e.level, e.node, e.message.slice(0, 200)]),
        },
        ...pageFooter(shown, command),
        ...(shown.pages > 1 ? [{ type: 'context' as const, text: 'Narrow it with `events <vm|node>` or --since.' }] : []),
      ],
      '`events <vm|node>`, `--since 30m`, `events page 2`',
    );
  },
};
