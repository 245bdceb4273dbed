/**
 * @module bot: the engine assembled from its ports. Adapters deliver ChatEvents to
 * `handle`; everything the bot says goes back through them.
 */
import { createSlowReads } from './slow-reads.js';
import type { Cluster } from '../cluster/cluster.js';
import type { Clock } from '../cluster/clock.js';
import { createAccess, type GroupGrant, type UserEntry } from './access.js';
import type { AccessRule } from './access-rules.js';
import type { GroupCache } from './group-cache.js';
import { createApprovals } from './approvals.js';
import type { AuditLog } from './audit.js';
import type { ChatAdapter, ChatEvent } from './chat.js';
import type { AnyCommandSpec, Catalog } from './command-spec.js';
import { createDispatcher, type DispatchResult } from './dispatcher.js';
import { createJobRunner, type ResumeOptions } from './jobs.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { createMessenger } from './messenger.js';
import { createParser } from './parser.js';
import type { BotPolicy } from './policy.js';
import type { RequestState } from './requests.js';
import type { Store } from './store.js';

export interface BotOptions {
  specs: readonly AnyCommandSpec[];
  clusters: readonly Cluster[];
  defaultCluster?: string;
  users: readonly UserEntry[];
  /** Roles held through directory groups, and rules that take commands away. */
  groupGrants?: readonly GroupGrant[];
  accessRules?: readonly AccessRule[];
  /** Directory groups per person (LDAP, Entra ID, Slack user groups), cached. */
  directory?: GroupCache;
  adapters: readonly ChatAdapter[];
  store: Store;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  policy: BotPolicy;
  metrics?: Metrics;
  /** With replicas: whether this one runs `cluster`'s jobs now (holds its lease). Default: every cluster. */
  runsJobsOf?: (cluster: string) => boolean;
}

export interface Bot {
  handle(event: ChatEvent): Promise<DispatchResult>;
  /** Starts every adapter; events flow into handle. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * SIGTERM: stop taking commands, let no job begin a new cluster step, and wait until what was
   * already decided is written. Jobs stay `running` in the store; the next process resumes them.
   */
  shutdown(): Promise<void>;
  /** Expires pending requests that are past due; main.ts calls it on a timer. */
  sweep(): Promise<number>;
  /** Resolves when no job is running. */
  idle(): Promise<void>;
  runningJobs(): number[];
  /** One line per running job (`#3 Drain node1: … (41%, moving VMs)`), for a console about to stop. */
  describeRunning(): Promise<string[]>;
  /** The state of a request or job, for drivers such as the console's scripted mode. */
  stateOf(id: number): Promise<RequestState | undefined>;
  /**
   * With replicas: runs the jobs of clusters this replica now holds that nobody here runs (approved
   * on another replica, or left running by a replica that stopped); returns their ids.
   */
  resumeJobs(options?: ResumeOptions): Promise<number[]>;
  /** With replicas: this one lost `cluster`'s lease, so its jobs there stop without a word (the new holder resumes them). */
  abandonJobs(cluster: string): number[];
}

export function createBot(o: BotOptions): Bot {
  const parser = createParser(o.specs);
  const catalog: Catalog = { specs: () => o.specs, usage: (spec) => parser.usage(spec) };
  const clusters = new Map(o.clusters.map((c) => [c.name, c]));
  const clusterOf = (name: string) => [...clusters.values()].find((c) => c.name.toLowerCase() === name.toLowerCase());
  const specOf = (name: string) => o.specs.find((s) => s.name === name);
  const messenger = createMessenger(o.adapters, o.logger);
  const access = createAccess(o.users, { groups: o.groupGrants, rules: o.accessRules, directory: o.directory });
  const jobs = createJobRunner({
    store: o.store,
    audit: o.audit,
    messenger,
    clock: o.clock,
    logger: o.logger,
    clusterOf,
    specOf,
    catalog,
    progressIntervalMs: o.policy.progressIntervalMs,
    pollMs: o.policy.pollMs,
    metrics: o.metrics,
    runsHere: o.runsJobsOf,
  });
  const approvals = createApprovals({
    store: o.store,
    audit: o.audit,
    access,
    messenger,
    clock: o.clock,
    onApproved: (request) => void jobs.start(request),
    // With replicas, a job running on another one is stopped there: the cancel is recorded, and its replica acts on it.
    canCancelRunning: (request) => jobs.running().includes(request.id) || (request.state === 'running' && o.runsJobsOf !== undefined && !o.runsJobsOf(request.cluster)),
    onCancelRunning: (request) => jobs.cancel(request.id),
    metrics: o.metrics,
    logger: o.logger,
  });
  const first = o.clusters[0];
  if (!first) throw new Error('at least one cluster must be configured');
  const slowReads = createSlowReads({ messenger, clock: o.clock, logger: o.logger, intervalMs: o.policy.progressIntervalMs });
  const dispatcher = createDispatcher({
    slowReads,
    parser,
    catalog,
    clusters,
    defaultCluster: o.defaultCluster ?? first.name,
    access,
    approvals,
    store: o.store,
    audit: o.audit,
    messenger,
    clock: o.clock,
    policy: o.policy,
    logger: o.logger,
    metrics: o.metrics,
  });
  // Directory groups are looked up (or refreshed) before any check sees the event.
  const handle = async (event: ChatEvent) => {
    await access.prepare(event.actor);
    return dispatcher.handle(event);
  };
  return {
    handle,
    async start() {
      for (const adapter of o.adapters) await adapter.start(handle);
      await approvals.expireDue();
      const resumed = await jobs.resumeInterrupted();
      if (resumed.length) o.logger.info({ jobs: resumed }, 'resumed jobs left running by the previous process');
    },
    async stop() {
      for (const adapter of o.adapters) await adapter.stop();
    },
    async shutdown() {
      for (const adapter of o.adapters) await adapter.stop();
      jobs.quiesce();
      // The store's and the audit log's queues are serial: these return once earlier writes are on disk.
      await Promise.all([o.store.list(), o.audit.recent({ limit: 1 })]);
    },
    sweep: () => approvals.expireDue(),
    idle: async () => {
      await Promise.all([jobs.idle(), slowReads.idle()]);
    },
    runningJobs: () => jobs.running(),
    async describeRunning() {
      const found = await Promise.all(jobs.running().map((id) => o.store.get(id)));
      const jobLines = found.flatMap((r) => (r ? [`#${r.id} ${r.summary}${r.job ? ` (${Math.round(r.job.percent)}%, ${r.job.phase})` : ''}`] : []));
      return [...jobLines, ...slowReads.describe()];
    },
    stateOf: async (id) => (await o.store.get(id))?.state,
    resumeJobs: (options) => jobs.resumeInterrupted(options),
    abandonJobs: (cluster) => jobs.abandon(cluster),
  };
}
