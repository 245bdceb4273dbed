/**
 * @module store/postgres/cluster-leases: one lease per cluster in the `leases` table. The
 * replica holding a cluster's lease runs all its jobs (so the per-node live-migration limit and
 * the drain order stay one process's business). It renews the lease every third of its time;
 * a replica that misses that (killed, paused, cut off) loses it when it runs out, and another
 * takes it with a higher generation. Every write to a running job checks the generation in the
 * same transaction (`fence`), so a replica that lost its lease cannot write after the next one
 * took over, even before it notices. Recording a cancel is the one write any replica may make.
 */
import type pg from 'pg';
import type { OperationRequest } from '../../core/requests.js';
import { LeaseLostError } from './errors.js';
import { inTransaction } from './transaction.js';

export interface LeaseChange {
  cluster: string;
  /** The replica that held it before, if any. */
  from?: string;
  /** The previous holder let it go (a clean stop), rather than stopping renewing it. */
  released: boolean;
  /** For a takeover: from the previous holder's last renewal to now, in ms. */
  gapMs?: number;
}

export interface ClusterLeasesOptions {
  clusters: readonly string[];
  /** This replica's name in the table: host, process id and a random suffix. */
  holder: string;
  ttlMs: number;
  onAcquired(change: LeaseChange): void;
  onLost(cluster: string): void;
  /** Each renewal's round trip to the database, and whether it answered (for /metrics). */
  onRoundTrip?(ok: boolean, ms: number): void;
}

export interface ClusterLeases {
  holds(cluster: string): boolean;
  held(): string[];
  /** Renews what is held and tries to take what is free; run every third of the lease time by start(). */
  tick(): Promise<void>;
  start(): void;
  /** Stops renewing and lets go of every lease, so another replica takes over at once. */
  release(): Promise<void>;
  /** Throws LeaseLostError unless this replica holds `request`'s cluster now (for writes to running jobs). */
  fence(client: pg.PoolClient, before: OperationRequest, next: OperationRequest): Promise<void>;
}

interface LeaseRow {
  holder: string;
  generation: string;
  live: boolean;
  released: boolean;
  gap_ms: number;
}

export function createClusterLeases(pool: pg.Pool, o: ClusterLeasesOptions): ClusterLeases {
  const generations = new Map<string, number>();
  /** When the last renewal that succeeded was sent (this process's monotonic clock): the lease runs at least ttl from then. */
  const renewedAt = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  const ttl = `${o.ttlMs} milliseconds`;

  const lose = (cluster: string) => {
    generations.delete(cluster);
    renewedAt.delete(cluster);
    o.onLost(cluster);
  };

  const renew = async (cluster: string, generation: number) => {
    const sent = performance.now();
    // Paused, or the database out of reach, past the lease's time: another replica may hold it now.
    if (sent - (renewedAt.get(cluster) ?? sent) >= o.ttlMs) return lose(cluster);
    const renewed = await pool
      .query(
        'UPDATE leases SET expires_at = clock_timestamp() + $4::interval, renewed_at = clock_timestamp() WHERE cluster = $1 AND holder = $2 AND generation = $3 AND expires_at > clock_timestamp()',
        [cluster, o.holder, generation, ttl],
      )
      .catch((error: unknown) => {
        o.onRoundTrip?.(false, performance.now() - sent);
        throw error;
      });
    o.onRoundTrip?.(true, performance.now() - sent);
    if (renewed.rowCount === 1) return void renewedAt.set(cluster, sent);
    lose(cluster);
  };

  const acquire = (cluster: string) => {
    const sent = performance.now();
    return tryAcquire(cluster).then((got) => {
      if (got) renewedAt.set(cluster, sent);
      return got;
    });
  };

  const tryAcquire = (cluster: string) =>
    inTransaction(pool, async (client) => {
      const inserted = await client.query<{ generation: string }>(
        'INSERT INTO leases (cluster, holder, generation, expires_at, renewed_at) VALUES ($1, $2, 1, clock_timestamp() + $3::interval, clock_timestamp()) ON CONFLICT (cluster) DO NOTHING RETURNING generation',
        [cluster, o.holder, ttl],
      );
      if (inserted.rowCount === 1) return { generation: 1, change: { cluster, released: false } };
      const row = (
        await client.query<LeaseRow>(
          `SELECT holder, generation, expires_at > clock_timestamp() AS live, released,
                  (extract(epoch FROM clock_timestamp() - renewed_at) * 1000)::float8 AS gap_ms
           FROM leases WHERE cluster = $1 FOR UPDATE`,
          [cluster],
        )
      ).rows[0]!;
      if (row.live && row.holder !== o.holder) return undefined;
      const generation = Number(row.generation) + 1;
      await client.query(
        'UPDATE leases SET holder = $2, generation = $3, expires_at = clock_timestamp() + $4::interval, renewed_at = clock_timestamp(), released = false WHERE cluster = $1',
        [cluster, o.holder, generation, ttl],
      );
      const change: LeaseChange = { cluster, from: row.holder, released: row.released, ...(row.released ? {} : { gapMs: Math.round(row.gap_ms) }) };
      return { generation, change };
    });

  const tick = async () => {
    for (const cluster of o.clusters) {
      const generation = generations.get(cluster);
      if (generation !== undefined) {
        // A failed renewal is tried again at the next tick, until the lease's time is up.
        await renew(cluster, generation).catch(() => undefined);
        continue;
      }
      const got = await acquire(cluster);
      if (!got) continue;
      generations.set(cluster, got.generation);
      o.onAcquired(got.change);
    }
  };

  return {
    holds: (cluster) => generations.has(cluster),
    held: () => [...generations.keys()],
    tick,
    start() {
      const loop = () => {
        timer = setTimeout(() => void tick().catch(() => undefined).finally(() => timer && loop()), Math.max(200, o.ttlMs / 3));
        timer.unref();
      };
      loop();
    },
    async release() {
      clearTimeout(timer);
      timer = undefined;
      const held = [...generations.entries()];
      generations.clear();
      renewedAt.clear();
      for (const [cluster, generation] of held) {
        await pool
          .query('UPDATE leases SET expires_at = clock_timestamp(), released = true WHERE cluster = $1 AND holder = $2 AND generation = $3', [cluster, o.holder, generation])
          .catch(() => undefined);
      }
    },
    async fence(client, before, next) {
      if (before.state !== 'running' && next.state !== 'running') return;
      // A cancel asked for on another replica is only recorded there; the holder acts on it.
      if (isOnlyCancellation(before, next)) return;
      const generation = generations.get(before.cluster);
      const valid =
        generation !== undefined &&
        (await client.query('SELECT 1 FROM leases WHERE cluster = $1 AND holder = $2 AND generation = $3 AND expires_at > clock_timestamp() FOR SHARE', [before.cluster, o.holder, generation])).rowCount === 1;
      if (!valid) throw new LeaseLostError(before.cluster, o.holder);
    },
  };
}

function isOnlyCancellation(before: OperationRequest, next: OperationRequest): boolean {
  const { cancellation: _before, ...rest } = before;
  const { cancellation: _next, ...restNext } = next;
  return _next !== undefined && JSON.stringify(rest) === JSON.stringify(restNext);
}
