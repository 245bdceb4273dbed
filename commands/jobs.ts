/** @module jobs: requests and jobs, the active ones first, then the most recent. */
import { z } from 'zod';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';
import { isActive } from '../src/core/requests.js';

const args = z.object({});
type Args = z.infer<typeof args>;

export const jobs: ReadCommandSpec<Args> = {
  name: 'jobs',
  summary: 'List pending requests, running jobs and the last ten finished.',
  patterns: [{ pattern: 'jobs' }, { pattern: 'requests' }],
  args,
  risk: 'read',
  examples: ['jobs'],
  async answer(_args, ctx) {
    const all = (await ctx.requests.list()).sort((a, b) => b.id - a.id);
    const shown = [...all.filter(isActive), ...all.filter((r) => !isActive(r)).slice(0, 10)];
    if (shown.length === 0) return message([{ type: 'section', text: 'No requests or jobs yet.' }]);
    return message([
      { type: 'header', text: 'Requests and jobs' },
      {
        type: 'table',
        columns: ['#', 'State', 'What', 'Requested by', 'Progress'],
        rows: shown.map((r) => [`#${r.id}`, r.state, r.summary, r.requester.name, r.job ? `${Math.round(r.job.percent)}% ${r.job.phase}` : '']),
      },
    ]);
  },
};
