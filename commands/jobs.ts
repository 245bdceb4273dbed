/** @module jobs: requests and jobs, the active ones first, then the most recent. */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';
import { LIST_LIMITS, pageFooter, pageNumber, pageOf } from '../src/core/pages.js';
import { isActive } from '../src/core/requests.js';

const args = z.object({ page: pageNumber.optional() });
type Args = z.infer<typeof args>;

export const jobs: ReadCommandSpec<Args> = {
  name: 'jobs',
  summary: 'List pending requests, running jobs and the last ten finished.',
  patterns: [{ pattern: 'jobs [page {page}]' }, { pattern: 'requests [page {page}]' }],
  args,
  risk: 'read',
  examples: ['jobs', 'jobs page 2'],
  async answer({ page }, ctx) {
    const all = (await ctx.requests.list()).sort((a, b) => b.id - a.id);
    const listed = [...all.filter(isActive), ...all.filter((r) => !isActive(r)).slice(0, 10)];
    if (listed.length === 0) return message([{ type: 'section', text: 'No requests or jobs yet.' }]);
    const command = (n: number) => `jobs page ${n}`;
    const paged = page !== undefined || listed.length > LIST_LIMITS.plainUpTo;
    const shown = paged ? pageOf(listed, page ?? 1, command) : undefined;
    const active = listed.filter(isActive).length;
    return message(
      [
        { type: 'header', text: shown && shown.pages > 1 ? `Requests and jobs: ${active} active (page ${shown.page} of ${shown.pages})` : 'Requests and jobs' },
        {
          type: 'table',
          columns: ['#', 'State', 'What', 'Requested by', 'Progress'],
          rows: (shown?.rows ?? listed).map((r) => [`#${r.id}`, r.state, r.summary, r.requester.name, r.job ? `${Math.round(r.job.percent)}% ${r.job.phase}` : '']),
        },
        ...(shown ? pageFooter(shown, command) : []),
      ],
      '`jobs page 2`, `job <id>`',
    );
  },
};
