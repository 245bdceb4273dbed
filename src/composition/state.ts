/**
 * @module composition/state: where the bot keeps its state and audit log. Embedded (default):
 * the JSON state file and the JSON Lines audit log, one process per state file (its lock).
 * With `state.postgres`: one database shared by several replicas, the schema migrated at start,
 * a lease per cluster deciding which replica runs its jobs.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Clock } from '../cluster/clock.js';
import type { AuditLog } from '../core/audit.js';
import type { ConversationDirectory, RememberedCard } from '../core/conversation-directory.js';
import type { Logger } from '../core/logger.js';
import type { Store } from '../core/store.js';
import type { Config } from '../config/schema.js';
import type { HealthCheck } from '../ops/health-cache.js';
import type { PrometheusMetrics } from '../ops/prometheus.js';
import { createFileAuditLog, createMemoryAuditLog } from '../store/audit-file.js';
import { createMemoryStore, openFileStore } from '../store/low-store.js';
import { acquireStateLock } from '../store/state-lock.js';
import { openReplicaState } from './replica-state.js';

/** What the bot needs of a replica's leases once it runs. */
export interface JobsControl {
  resumeJobs(options?: { cluster?: string; movedFrom?: string }): Promise<number[]>;
  abandonJobs(cluster: string): number[];
}

export interface State {
  store: Store;
  audit: AuditLog;
  checks: HealthCheck[];
  /** With replicas: whether this one runs the cluster's jobs now. */
  runsJobsOf?: (cluster: string) => boolean;
  /** With replicas: this one's name and the leases it holds, for /healthz. */
  replica?: () => { name: string; leases: string[] };
  /** With replicas: a chat platform's conversation directory in the database, shared by all of them. */
  conversationDirectory?<Conversation, Card extends RememberedCard>(platform: string): ConversationDirectory<Conversation, Card>;
  /** After the bot started: takes leases and keeps them (replicas); nothing for the embedded state. */
  start(jobs: JobsControl): Promise<void>;
  stop(): Promise<void>;
}

export interface StateOptions {
  clock: Clock;
  logger: Logger;
  metrics: PrometheusMetrics;
  env: NodeJS.ProcessEnv;
}

export async function openState(config: Config, o: StateOptions): Promise<State> {
  if (config.state.postgres) return openReplicaState(config, config.state.postgres, o);
  const { file, auditFile } = config.state;
  // One process per state file: a second bot on it stops here, naming the first.
  const lock = file === 'memory' ? undefined : await acquireStateLock(file);
  if (lock?.replaced) o.logger.warn({ lock: lock.lockFile, previous: lock.replaced }, 'took over a stale state lock: its process is gone');
  const store =
    file === 'memory'
      ? createMemoryStore()
      : await openFileStore(file, { archiveAfterMs: config.state.archiveAfterDays * 86_400_000, now: () => o.clock.now() }).catch(async (error: unknown) => {
          await lock?.release();
          throw error;
        });
  return {
    store,
    audit: await openAuditLog(auditFile, store, o.logger),
    checks: [stateCheck(file)],
    start: async () => undefined,
    stop: async () => void (await lock?.release()),
  };
}

/**
 * The audit log, its end read at once: a torn last line is moved aside and the operator told now,
 * not at the first command. If the end cannot be read yet, the first append tries again (and
 * refuses its action until it can).
 */
async function openAuditLog(file: string, store: Store, logger: Logger): Promise<AuditLog> {
  if (file === 'memory') return createMemoryAuditLog();
  const log = createFileAuditLog(file, { heads: store, logger });
  await log.open().catch((error: unknown) => logger.error({ err: error, auditFile: file }, 'cannot read the end of the audit log; changes are refused until it can be written'));
  return log;
}

/** The state file's folder must be writable (memory state always is). */
function stateCheck(file: string): HealthCheck {
  return { name: 'state', check: async () => (file === 'memory' ? undefined : access(dirname(resolve(file)), constants.W_OK)) };
}
