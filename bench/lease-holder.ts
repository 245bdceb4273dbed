/**
 * @module bench/lease-holder: a process that takes a cluster's lease and renews it, for `bench ha`
 * to SIGKILL: `node --import tsx bench/lease-holder.ts URL CLUSTER HOLDER LEASE_MS`. Prints `held`
 * once the lease is its own.
 */
import { createClusterLeases } from '../src/store/postgres/cluster-leases.js';
import { openPostgresPool } from '../src/store/postgres/connect.js';

const [url, cluster, holder, leaseMs] = process.argv.slice(2);
if (!url || !cluster || !holder || !leaseMs) throw new Error('usage: lease-holder.ts URL CLUSTER HOLDER LEASE_MS');
const pool = await openPostgresPool(url, { poolSize: 2 });
const leases = createClusterLeases(pool, {
  clusters: [cluster], holder, ttlMs: Number(leaseMs), onAcquired: () => process.stdout.write('held\n'), onLost: () => undefined,
});
leases.start();
