/**
 * @module audit: recent audit entries, optionally about one VM, node or person, since a time,
 * newest page first. A request shows as it was typed (`resume node1 with failback`), not as
 * its stored arguments.
 */
import { z } from 'zod';
import type { AuditEntry } from '../src/core/audit.js';
import type { ReadCommandSpec } from '../src/core/command-spec.js';
import { message } from '../src/core/messages.js';
import { unreadableWarning } from './support/audit-warning.js';
import { pageFooter, pageNumber, pageOf, typed } from '../src/core/pages.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

const since = z
  .string()
  .regex(/^\d{1,4}[mhd]$/, 'since should look like 30m, 2h or 7d');

const args = z.object({ about: z.string().min(1).max(100).optional(), since: since.optional(), page: pageNumber.optional() });
type Args = z.infer<typeof args>;

/** Entries read to page through: the audit file's recent window holds some ten thousand. */
const READ_AT_MOST = 10_000;

/** Entries on a page: each row is wide, so fewer than a table of VMs. */
const AUDIT_PAGE = 20;

const toMs = (s: string) => Number(s.slice(0, -1)) * UNITS[s.slice(-1)]!;

/** Old entries (before the typed text was kept): the command and its arguments as `name value`. */
function fromArgs(e: AuditEntry): string {
  const values = Object.entries(e.args ?? {}).map(([k, v]) => (typeof v === 'boolean' ? (v ? k : '') : String(v)));
  return [e.command, ...values].filter(Boolean).join(' ');
}

/** What a row says: the command as typed (from its own entry or the request's), then the detail. */
function what(e: AuditEntry, typedOf: ReadonlyMap<number, string>): string {
  const typedText = e.text ?? (e.requestId === undefined ? undefined : typedOf.get(e.requestId));
  const command = typedText ? `\`${typedText}\`` : e.args ? fromArgs(e) : (e.command ?? '');
  return [e.event === 'requested' || e.event === 'job-started' || !e.detail ? command : '', e.detail].filter(Boolean).join(' ').slice(0, 120);
}

export const audit: ReadCommandSpec<Args> = {
  name: 'audit',
  summary: 'Show recent audit entries: who asked, who decided, what ran and how it ended.',
  patterns: [{ pattern: 'audit [page {page}]' }, { pattern: 'audit {about} [page {page}]' }],
  options: ['since'],
  args,
  risk: 'read',
  examples: ['audit', 'audit vm42', 'audit bob --since 2h', 'audit page 2'],
  async answer({ about, since: sinceText, page }, ctx) {
    const window = sinceText === undefined ? undefined : toMs(sinceText);
    const { entries, unreadable } = await ctx.audit.recent({ about, since: window === undefined ? undefined : ctx.clock.now() - window, limit: READ_AT_MOST });
    const scope = [about ? `about ${about}` : '', window === undefined ? '' : `in the last ${Math.round(window / 60_000)} min`].filter(Boolean).join(' ');
    const warning = unreadableWarning(unreadable);
    if (entries.length === 0) return message([{ type: 'section', text: `No audit entries${scope ? ` ${scope}` : ''}.` }, ...warning]);
    const typedOf = new Map<number, string>();
    for (const e of entries) if (e.text && e.requestId !== undefined) typedOf.set(e.requestId, e.text);
    for (const id of new Set(entries.flatMap((e) => (e.requestId !== undefined && !typedOf.has(e.requestId) ? [e.requestId] : [])))) {
      const request = await ctx.requests.get(id);
      if (request) typedOf.set(id, request.text);
    }
    const command = (n: number) => ['audit', about ? typed(about) : '', sinceText ? `--since ${sinceText}` : '', `page ${n}`].filter(Boolean).join(' ');
    const shown = pageOf([...entries].reverse(), page ?? 1, command, AUDIT_PAGE);
    const ofPages = shown.pages > 1 ? ` (page ${shown.page} of ${shown.pages}, newest first)` : '';
    return message(
      [
        { type: 'header', text: `Audit${scope ? ` ${scope}` : ''}: ${shown.page === 1 ? `the last ${shown.rows.length}` : `entries ${shown.from}–${shown.from + shown.rows.length - 1} back`}${ofPages}` },
        {
          type: 'table',
          columns: ['When (UTC)', 'Event', '#', 'Who', 'What'],
          rows: [...shown.rows].reverse().map((e) => [e.at.slice(0, 16).replace('T', ' '), e.event, e.requestId === undefined ? '' : `#${e.requestId}`, e.actor?.name ?? '', what(e, typedOf)]),
        },
        ...pageFooter(shown, command),
        ...warning,
      ],
      `\`audit <vm|node|user>\`, \`--since 2h\`, \`audit page 2\` (${AUDIT_PAGE} a page)`,
    );
  },
};
