/**
 * @module composition/replica-state: the state of one replica among several, in PostgreSQL.
 * At start: connect (a clear error when the URL's variable is missing or the database down),
 * apply the schema's migrations (once, whoever starts first), then, once the bot runs, take
 * the leases of the clusters no live replica holds and keep them. A lease taken over from a
 * replica that stopped resumes its jobs here, as a restart does; a lease lost stops them here.
 * Chat adapters that remember conversations (Teams) keep them in the database too.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/schema.js';
import { databaseUrl, describeDatabase, openPostgresPool } from '../store/postgres/connect.js';
import { createClusterLeases } from '../store/postgres/cluster-leases.js';
import { LeaseLostError } from '../store/postgres/errors.js';
import { migrate } from '../store/postgres/migrate.js';
import { createPostgresAuditLog } from '../store/postgres/postgres-audit.js';
import { createPostgresConversationDirectory } from '../store/postgres/postgres-conversation-directory.js';
import { createPostgresStore } from '../store/postgres/postgres-store.js';
import type { JobsControl, State, StateOptions } from './state.js';

type PostgresSettings = NonNullable<Config['state']['postgres']>;

/** How often a replica looks for jobs approved on another replica, for the clusters it runs. */
const PICK_UP_MS = 1000;

export async function openReplicaState(config: Config, settings: PostgresSettings, o: StateOptions): Promise<State> {
  const url = databaseUrl(settings.urlEnv, o.env);
  const name = `${hostname()}/${process.pid}/${randomBytes(2).toString('hex')}`;
  const pool = await openPostgresPool(url, { poolSize: settings.poolSize, applicationName: `hyperv-chatops ${name}` });
  const where = describeDatabase(url);
  try {
    const applied = await migrate(pool);
    if (applied.length) o.logger.info({ database: where, migrations: applied }, 'applied database migrations');
  } catch (error) {
    await pool.end();
    throw error;
  }
  let jobs: JobsControl | undefined;
  const leases = createClusterLeases(pool, {
    clusters: config.clusters.map((c) => c.name),
    holder: name,
    ttlMs: settings.leaseSeconds * 1000,
    onAcquired(change) {
      const takenOver = change.from !== undefined && !change.released;
      o.metrics.leaseChange(change.cluster, takenOver ? 'taken-over' : 'acquired', takenOver ? change.gapMs : undefined);
      o.logger.info({ cluster: change.cluster, replica: name, from: change.from, gapMs: change.gapMs }, takenOver ? `took over the lease of ${change.cluster} from ${change.from}` : `runs the jobs of ${change.cluster}`);
      void jobs?.resumeJobs({ cluster: change.cluster, ...(takenOver ? { movedFrom: change.from } : {}) });
    },
    onRoundTrip: (ok, ms) => o.metrics.database(ok, ms),
    onLost(cluster) {
      o.metrics.leaseChange(cluster, 'lost');
      const stopped = jobs?.abandonJobs(cluster) ?? [];
      o.logger.warn({ cluster, replica: name, jobs: stopped }, `lost the lease of ${cluster}: another replica runs its jobs now; stopped here: ${stopped.length}`);
    },
  });
  let pickUp: NodeJS.Timeout | undefined;
  return {
    store: createPostgresStore(pool, {
      archiveAfterMs: config.state.archiveAfterDays * 86_400_000,
      now: () => o.clock.now(),
      fence: leases.fence,
      // A lost lease is no database error; everything else a write meets is.
      onWriteFailed: (error) => void (error instanceof LeaseLostError ? undefined : o.metrics.database(false)),
    }),
    audit: createPostgresAuditLog(pool),
    checks: [
      {
        name: 'database',
        check: async () => {
          const started = Date.now();
          try {
            await pool.query('SELECT 1');
            o.metrics.database(true, Date.now() - started);
          } catch (error) {
            o.metrics.database(false, Date.now() - started);
            throw error;
          }
        },
      },
    ],
    runsJobsOf: (cluster) => leases.holds(cluster),
    replica: () => ({ name, leases: leases.held() }),
    conversationDirectory: (platform) => createPostgresConversationDirectory(pool, { platform }),
    async start(control) {
      jobs = control;
      await leases.tick().catch((error: unknown) => o.logger.error({ err: error }, 'could not take the cluster leases; trying again'));
      leases.start();
      pickUp = setInterval(() => void (leases.held().length ? control.resumeJobs() : undefined)?.catch(() => undefined), PICK_UP_MS);
      pickUp.unref();
    },
    async stop() {
      clearInterval(pickUp);
      await leases.release();
      await pool.end();
    },
  };
}
