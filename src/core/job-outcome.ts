/**
 * @module job-outcome: a finished job's outcome, recorded and announced so that a process (or
 * replica) killed half way leaves nothing unsaid. The outcome is written with `job.announcing`
 * set, then its audit entry; then the announcement is claimed (the mark cleared under the row's
 * lock: of two processes, one claims it) and posted. Whoever runs the job next (a restart, the
 * replica that takes the lease over) finds the mark and finishes: the audit entry if it is
 * missing, then the claim and the posts. A kill between the claim and the posts loses them.
 */
import type { Clock } from '../cluster/clock.js';
import type { AuditLog } from './audit.js';
import type { JobOutcome } from './command-spec.js';
import { outcomeNotAudited } from './job-audit.js';
import type { Logger } from './logger.js';
import type { Messenger } from './messenger.js';
import { noMetrics, type Metrics } from './metrics.js';
import { plain } from './messages.js';
import { completionNotice, requestCard } from './request-cards.js';
import type { OperationRequest } from './requests.js';
import type { Store } from './store.js';

export type FinalJobState = 'succeeded' | 'failed' | 'cancelled';

export interface JobOutcomeOptions {
  store: Store;
  audit: AuditLog;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
}

const EVENTS = { succeeded: 'job-succeeded', failed: 'job-failed', cancelled: 'job-cancelled' } as const;

export function createJobOutcomes(o: JobOutcomeOptions) {
  /** Appends the outcome's entry; returns what the thread should say when it could not be written. */
  const audit = (request: OperationRequest, state: FinalJobState, at: number): Promise<string | undefined> =>
    o.audit
      .append({ at: new Date(at).toISOString(), event: EVENTS[state], requestId: request.id, cluster: request.cluster, command: request.command, detail: request.job?.summary })
      .then(() => undefined, (error: unknown) => outcomeNotAudited(error, o.logger.child({ requestId: request.id })));

  /** Clears the mark; the request as it then is, only if this call cleared it. */
  const claim = async (id: number): Promise<OperationRequest | undefined> => {
    let mine = false;
    const saved = await o.store.update(id, (r) => {
      if (!r.job?.announcing) return r;
      mine = true;
      const { announcing: _, ...job } = r.job;
      return { ...r, job };
    });
    return mine ? saved : undefined;
  };

  const announce = async (request: OperationRequest, state: FinalJobState, unrecorded: string | undefined) => {
    if (!request.cardRef) return;
    const at = request.job?.finishedAt ?? o.clock.now();
    await o.messenger.update(request.cardRef, requestCard(request, at));
    const elapsed = at - (request.job?.startedAt ?? at);
    await o.messenger.reply(request.cardRef, completionNotice(request, state === 'succeeded', request.job?.summary ?? '', elapsed), { broadcast: true });
    if (unrecorded) await o.messenger.reply(request.cardRef, plain(unrecorded));
  };

  return {
    /** Writes the outcome, its audit entry, and announces it in the job's thread and the channel. */
    async finish(request: OperationRequest, state: FinalJobState, outcome: JobOutcome): Promise<void> {
      const at = o.clock.now();
      const done = await o.store.update(request.id, (r) => ({
        ...r,
        state,
        job: { ...r.job!, finishedAt: at, summary: outcome.summary, facts: outcome.facts, announcing: true, ...(state === 'succeeded' ? { percent: 100, phase: 'done' } : {}) },
      }));
      const final = done ?? { ...request, state, job: { ...request.job!, finishedAt: at, summary: outcome.summary, facts: outcome.facts } };
      (o.metrics ?? noMetrics).job(request.command, state, at - (final.job?.startedAt ?? at));
      // What happened on the cluster has happened: an outcome that cannot be written is said in the thread, not undone.
      const unrecorded = await audit(final, state, at);
      const claimed = done ? await claim(request.id).catch(() => final) : final;
      if (claimed) await announce(claimed, state, unrecorded);
    },
    /** A job whose outcome was written by a process that died before announcing it. */
    async finishAnnouncing(request: OperationRequest): Promise<void> {
      const state = request.state as FinalJobState;
      const written = await o.audit.recent({ requestId: request.id, limit: 100 }).then(
        (page) => page.entries.some((e) => e.event === EVENTS[state]),
        () => false,
      );
      const unrecorded = written ? undefined : await audit(request, state, request.job?.finishedAt ?? o.clock.now());
      const claimed = await claim(request.id);
      if (claimed) await announce(claimed, state, unrecorded);
    },
  };
}
