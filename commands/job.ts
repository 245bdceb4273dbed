/** @module job: one request or job in full: who asked, who decided, progress, outcome. */
import { z } from 'zod';
import { requestId } from '../src/core/arg-types.js';
import type { CommandContext, ReadCommandSpec } from '../src/core/command-spec.js';
import { NotFoundError } from '../src/core/errors.js';
import { clockTime } from '../src/core/format.js';
import { message } from '../src/core/messages.js';
import { unreadableWarning } from './support/audit-warning.js';

const args = z.object({ id: requestId });
type Args = z.infer<typeof args>;

export const job: ReadCommandSpec<Args> = {
  name: 'job',
  summary: 'Show one request or job: who asked, who approved, progress and outcome.',
  patterns: [{ pattern: 'job {id}' }, { pattern: 'request {id}' }],
  args,
  risk: 'read',
  examples: ['job 3', 'job #3'],
  async answer({ id }, ctx) {
    const r = await ctx.requests.get(id);
    if (!r) return archived(id, ctx);
    const facts = [
      { label: 'State', value: r.state },
      { label: 'Command', value: r.text },
      { label: 'Cluster', value: r.cluster },
      { label: 'Requested', value: `${r.requester.name} at ${clockTime(r.createdAt)}` },
      { label: 'Approvals', value: r.approvals.length ? r.approvals.map((a) => `${a.actor.name} at ${clockTime(a.at)}`).join(', ') : `none of ${r.requiredApprovals}` },
    ];
    if (r.denial) facts.push({ label: 'Denied', value: `${r.denial.actor.name}${r.denial.reason ? `: ${r.denial.reason}` : ''}` });
    if (r.job) facts.push({ label: 'Progress', value: `${Math.round(r.job.percent)}% ${r.job.phase}` });
    if (r.job?.summary) facts.push({ label: 'Outcome', value: r.job.summary });
    return message([{ type: 'header', text: `#${r.id} ${r.summary}` }, { type: 'fields', fields: [...facts, ...(r.job?.facts ?? [])] }]);
  },
};

/** A request the live state no longer holds: what the audit log recorded of it, if anything. */
async function archived(id: number, ctx: CommandContext) {
  const { entries, unreadable } = await ctx.audit.recent({ requestId: id, limit: 50 });
  if (entries.length === 0) throw new NotFoundError('job', `#${id}`, undefined);
  return message([
    { type: 'header', text: `#${id} (archived: from the audit log)` },
    {
      type: 'fields',
      fields: entries.map((e) => ({
        label: `${e.at.slice(0, 16).replace('T', ' ')} ${e.event}`,
        value: [e.actor?.name, e.command, ...Object.values(e.args ?? {}).map(String), e.detail].filter(Boolean).join(' '),
      })),
    },
    ...unreadableWarning(unreadable),
  ]);
}
