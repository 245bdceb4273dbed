/**
 * @module jobs: an approved request becomes a running job. The runner claims it exactly
 * once (approved → running), feeds the spec's progress into the thread, and records and
 * announces the outcome. Cancelling aborts the job's signal; the spec decides what that means.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { Clock } from '../cluster/clock.js';
import type { AuditLog } from './audit.js';
import { audited } from './audited.js';
import { isChangeCommand, type AnyCommandSpec, type Catalog, type JobOutcome } from './command-spec.js';
import { createCommandContext } from './command-context.js';
import { startedEntry } from './job-audit.js';
import { createJobOutcomes, type FinalJobState } from './job-outcome.js';
import { clusterOnly } from './visibility.js';
import { describeFailure } from './failure.js';
import type { Logger } from './logger.js';
import type { Messenger } from './messenger.js';
import type { Metrics } from './metrics.js';
import { createMigrationSlots, type MigrationSlots } from './migration-slots.js';
import { createJobThread } from './job-thread.js';
import { createProgressReporter } from './progress-reporter.js';
import { requestCard } from './request-cards.js';
import { plain } from './messages.js';
import type { OperationRequest } from './requests.js';
import { createSerial } from './serial.js';
import type { Store } from './store.js';

export interface JobRunnerOptions {
  store: Store;
  audit: AuditLog;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  clusterOf(name: string): Cluster | undefined;
  specOf(name: string): AnyCommandSpec | undefined;
  catalog: Catalog;
  progressIntervalMs: number;
  pollMs: number;
  metrics?: Metrics;
  /**
   * Whether this process runs the jobs of `cluster` now (with replicas: it holds the cluster's
   * lease). Elsewhere an approved job waits for the replica that does. Default: every cluster.
   */
  runsHere?: (cluster: string) => boolean;
}

/** Where a resumed job comes from: this process's predecessor, or another replica that stopped. */
export interface ResumeOptions {
  cluster?: string;
  /** The replica that ran the cluster's jobs before this one took its lease. */
  movedFrom?: string;
}

export interface JobRunner {
  /** Runs an approved request; resolves when the job has finished (never rejects). */
  start(request: OperationRequest): Promise<void>;
  cancel(id: number): boolean;
  /**
   * Picks up the jobs a previous process (or replica) left approved or running, and stops the
   * jobs running here whose cancel another replica recorded; returns the ids picked up.
   */
  resumeInterrupted(options?: ResumeOptions): Promise<number[]>;
  /**
   * This process lost the cluster's lease: its jobs there stop at once, without a word or a
   * write (the replica that took the lease resumes them); returns their ids.
   */
  abandon(cluster: string): number[];
  running(): number[];
  /** From now on no job begins a step that changes the cluster (shutdown); running steps go on. */
  quiesce(): void;
  /** Resolves when no job is running. */
  idle(): Promise<void>;
}

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const controllers = new Map<number, AbortController>();
  /** Set on shutdown: no job begins a new step that changes the cluster. */
  let quiescing = false;
  const finished = new Set<() => void>();
  let inFlight = 0;
  const slots = new Map<string, MigrationSlots>();
  const runsHere = o.runsHere ?? (() => true);
  /** Jobs this process has in hand (claiming, running, resuming), with the signal that abandons them. */
  const inHand = new Map<number, { cluster: string; lost: AbortController }>();
  const take = (r: OperationRequest) => {
    const lost = new AbortController();
    inHand.set(r.id, { cluster: r.cluster, lost });
    return lost.signal;
  };
  const slotsOf = (cluster: string) => {
    let s = slots.get(cluster);
    if (!s) slots.set(cluster, (s = createMigrationSlots()));
    return s;
  };

  const start = async (approved: OperationRequest) => {
    if (!runsHere(approved.cluster) || inHand.has(approved.id)) return; // the replica holding the cluster's lease runs it
    inFlight++;
    const lost = take(approved);
    try {
      await claimAndRun(approved, lost);
    } finally {
      inHand.delete(approved.id);
      inFlight--;
      if (inFlight === 0) for (const done of [...finished]) done();
    }
  };

  const { notStarted, cardOf } = createJobThread(o);

  /** Starts run one at a time, so the `job-started` entry written is the claim made (nothing else moves an approved request). */
  const claims = createSerial();

  /**
   * approved → running, once its `job-started` entry is written. If the entry cannot be written
   * the job does not start: the request is marked failed and its thread says why.
   */
  const claim = (id: number) =>
    claims(async () => {
      const approved = await o.store.get(id);
      if (approved?.state !== 'approved') return undefined; // someone else started it, or it is no longer approved
      const now = o.clock.now();
      try {
        return await audited(
          o.audit,
          startedEntry(approved, now),
          () => o.store.transition(id, ['approved'], (r) => ({ ...r, state: 'running', job: { startedAt: now, percent: 0, phase: 'starting' } })),
          o.logger,
        );
      } catch (error) {
        await notStarted(approved, error);
        return undefined;
      }
    });

  const claimAndRun = async (approved: OperationRequest, lost: AbortSignal) => {
    const claimed = await claim(approved.id);
    if (!claimed) return;
    const controller = new AbortController();
    controllers.set(claimed.id, controller);
    try {
      await runClaimed(claimed, controller.signal, lost);
    } finally {
      controllers.delete(claimed.id);
    }
  };

  const runClaimed = async (claimed: OperationRequest, signal: AbortSignal, lost: AbortSignal, resumed?: { movedFrom?: string }) => {
    const recovering = resumed !== undefined;
    const log = o.logger.child({ requestId: claimed.id, command: claimed.command });
    const { request, fresh } = await cardOf(claimed);
    const thread = request.cardRef;
    if (recovering) {
      const why = resumed.movedFrom
        ? `🔄 This job moved to another replica: the one running it (${resumed.movedFrom}) stopped answering, and this one took it over; reading the cluster to see where it stands.`
        : '🔄 The bot restarted while this job ran; reading the cluster to see where it stands.';
      if (thread) await o.messenger.reply(thread, plain(why));
    } else {
      if (request.cardRef && !fresh) await o.messenger.update(request.cardRef, requestCard(request, o.clock.now()));
    }
    const reporter = createProgressReporter({
      messenger: o.messenger,
      clock: o.clock,
      request,
      thread,
      intervalMs: o.progressIntervalMs,
      onShown: async (ref, percent, phase) => {
        await o.store.update(request.id, (r) => ({ ...r, job: { ...r.job!, progressRef: ref, percent, phase } }));
      },
    });
    let outcome: JobOutcome;
    let state: 'succeeded' | 'failed' | 'cancelled';
    try {
      outcome = await drive(request, signal, reporter, recovering, lost);
      // A cancel that came too late (the move finished anyway) does not make a success a cancellation.
      state = outcome.ok ? 'succeeded' : signal.aborted ? 'cancelled' : 'failed';
    } catch (error) {
      if (lost.aborted) return void log.warn('lost the cluster lease: the replica that took it over resumes this job');
      // Stopping (SIGTERM): the cluster's sessions close under the job, which is not its outcome. It
      // stays `running`; the next start reads the cluster and follows the move or finishes it.
      if (quiescing && !signal.aborted) return void log.warn({ error: error instanceof Error ? error.message : String(error) }, 'the bot is stopping: the job stays running for the next start');
      const failure = describeFailure(error, log, 'job failed');
      state = signal.aborted || failure.cancelled ? 'cancelled' : 'failed';
      outcome = { ok: false, summary: failure.text };
    }
    await reporter.flush();
    await finish(request, state, outcome);
  };

  const drive = async (request: OperationRequest, signal: AbortSignal, reporter: ReturnType<typeof createProgressReporter>, recovering: boolean, lost: AbortSignal) => {
    const found = o.specOf(request.command);
    const spec = found && isChangeCommand(found) ? found : undefined;
    const cluster = o.clusterOf(request.cluster);
    if (!spec || !cluster) throw new Error(`cannot run ${request.command} on ${request.cluster}`);
    const base = createCommandContext({ cluster, actor: request.requester, clock: o.clock, store: o.store, catalog: o.catalog, audit: o.audit, visibility: clusterOnly(request.cluster) });
    let limits: Promise<Map<string, number>> | undefined;
    const generator = spec.run(request.args, {
      ...base,
      request,
      signal,
      pollMs: o.pollMs,
      recovering,
      checkpoint: request.job?.checkpoint,
      saveCheckpoint: async (data) => {
        await o.store.update(request.id, (r) => ({ ...r, job: { ...r.job!, checkpoint: data } }));
      },
      acquireMigrationSlots: async (nodes, onQueued) => {
        // Shutting down (or the lease lost): a step not yet begun waits for the next process, which resumes the job.
        if (quiescing || lost.aborted) await new Promise<never>(() => undefined);
        // Read once per job: a drain's 125 moves need the nodes' limits, not 125 listings of the cluster.
        limits ??= cluster.listNodes().then((nodes) => new Map(nodes.map((n) => [n.name.toLowerCase(), n.liveMigrationLimit])));
        const limitOf = await limits.catch((error: unknown) => {
          limits = undefined;
          throw error;
        });
        return slotsOf(request.cluster).acquire(nodes, (n) => limitOf.get(n.toLowerCase()) ?? 1, (busy) =>
          onQueued(`waiting for a live-migration slot on ${busy.join(', ')}`),
        );
      },
    });
    const abandoned = new Promise<never>((_, reject) => lost.addEventListener('abort', () => reject(lost.reason), { once: true }));
    abandoned.catch(() => undefined);
    for (;;) {
      const next = await Promise.race([generator.next(), abandoned]);
      if (next.done) return next.value;
      const event = next.value;
      if (event.kind === 'progress') await reporter.progress(event.percent, event.phase);
      else if (event.kind === 'board') reporter.board(event.blocks);
      else await reporter.step(event.kind === 'queued' ? `⏸ ${event.text}` : event.text);
    }
  };

  const outcomes = createJobOutcomes(o);
  const finish = (request: OperationRequest, state: FinalJobState, outcome: JobOutcome) => outcomes.finish(request, state, outcome);

  /** A job whose outcome a process that stopped wrote and did not announce. */
  const announceLeftover = async (request: OperationRequest) => {
    inFlight++;
    take(request);
    try {
      await outcomes.finishAnnouncing(request);
    } finally {
      inHand.delete(request.id);
      inFlight--;
      if (inFlight === 0) for (const done of [...finished]) done();
    }
  };

  /** A job the store says is running, though no one here runs it: the process (or replica) before this one did. */
  const resume = async (request: OperationRequest, movedFrom?: string) => {
    inFlight++;
    const lost = take(request);
    const controller = new AbortController();
    controllers.set(request.id, controller);
    try {
      const resumed = await o.store.update(request.id, (r) => ({ ...r, job: { ...r.job!, resumed: (r.job?.resumed ?? 0) + 1 } }));
      await runClaimed(resumed ?? request, controller.signal, lost, movedFrom ? { movedFrom } : {});
    } finally {
      inHand.delete(request.id);
      controllers.delete(request.id);
      inFlight--;
      if (inFlight === 0) for (const done of [...finished]) done();
    }
  };

  return {
    start: (request) => start(request).catch((error) => void describeFailure(error, o.logger, 'job runner failed')),
    async resumeInterrupted(options = {}) {
      const listed = await o.store.list();
      // A cancel recorded by another replica for a job running here stops it as a cancel typed here does.
      for (const r of listed) if (r.state === 'running' && r.cancellation && controllers.has(r.id) && !controllers.get(r.id)!.signal.aborted) controllers.get(r.id)!.abort();
      const interrupted = listed.filter(
        (r) => (r.state === 'running' || r.state === 'approved') && !inHand.has(r.id) && runsHere(r.cluster) && (options.cluster === undefined || r.cluster === options.cluster),
      );
      for (const r of interrupted) {
        const run = r.state === 'running' ? resume(r, options.movedFrom) : start(r);
        void run.catch((error) => void describeFailure(error, o.logger, 'job recovery failed'));
      }
      const unannounced = listed.filter((r) => r.job?.announcing && !inHand.has(r.id) && runsHere(r.cluster) && (options.cluster === undefined || r.cluster === options.cluster));
      for (const r of unannounced) void announceLeftover(r).catch((error) => void describeFailure(error, o.logger, 'job outcome announcement failed'));
      return [...interrupted, ...unannounced].map((r) => r.id);
    },
    abandon(cluster) {
      const ids = [...inHand].filter(([, job]) => job.cluster === cluster).map(([id]) => id);
      for (const id of ids) inHand.get(id)!.lost.abort(new Error(`lost the lease of ${cluster}`));
      return ids;
    },
    cancel(id) {
      const c = controllers.get(id);
      if (!c) return false;
      c.abort(); // the reason is a DOMException named AbortError: failure.ts and the commands read it as a cancellation
      return true;
    },
    running: () => [...controllers.keys()],
    quiesce() {
      quiescing = true;
    },
    idle: () =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              finished.delete(done);
              resolve();
            };
            finished.add(done);
          }),
  };
}
