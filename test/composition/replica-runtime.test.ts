/**
 * The runtime with `state.postgres`: two replicas built as main.ts builds them, on one database.
 * /healthz shows the database check and which replica holds the cluster's lease; /metrics counts
 * the lease taken; a clean stop hands the lease to the other replica. A missing URL variable
 * stops the start with the variable named.
 */
import { commands } from '../../commands/index.js';
import { createSystemClock } from '../../src/cluster/clock.js';
import { parseConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildRuntime, type Runtime } from '../../src/main.js';
import { DatabaseUrlMissingError } from '../../src/store/postgres/errors.js';
import { testPostgres } from '../support/postgres.js';

const running: Runtime[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

const config = parseConfig(
  {
    clusters: [{ name: 'demo', kind: 'simulated', transport: 'direct' }],
    users: [{ name: 'alice', console: 'alice', roles: { '*': 'operator' } }],
    state: { postgres: { urlEnv: 'REPLICA_TEST_PG_URL', leaseSeconds: 2 } },
    ops: { port: 0 },
  },
  'test',
);

async function replica(url: string): Promise<Runtime> {
  const runtime = await buildRuntime({ config, clock: createSystemClock(), adapters: [], specs: commands, logger: silentLogger, env: { REPLICA_TEST_PG_URL: url } });
  running.push(runtime);
  await runtime.start();
  return runtime;
}

interface Health {
  status: string;
  checks: Record<string, string>;
  replica: { name: string; leases: string[] };
}
const health = async (r: Runtime) => (await (await fetch(`${r.opsUrl}/healthz`)).json()) as Health;

test('healthz shows the database and the leases each replica holds; a clean stop hands the lease over', async () => {
  const server = await testPostgres();
  const url = server.url(await server.freshDatabase());
  const a = await replica(url);
  const b = await replica(url);
  const [ha, hb] = [await health(a), await health(b)];
  expect(ha).toMatchObject({ status: 'ok', checks: { database: 'ok', 'cluster:demo': 'ok' }, replica: { leases: ['demo'] } });
  expect(hb).toMatchObject({ status: 'ok', checks: { database: 'ok' }, replica: { leases: [] } });
  expect(ha.replica.name).not.toBe(hb.replica.name);
  const metrics = await (await fetch(`${a.opsUrl}/metrics`)).text();
  expect(metrics).toMatch(/hyperv_chatops_lease_changes_total\{cluster="demo",change="acquired"\} 1/);
  expect(metrics).toMatch(/hyperv_chatops_database_roundtrip_seconds_count\{outcome="ok"\} [1-9]/);

  await a.stop();
  running.splice(running.indexOf(a), 1);
  for (let i = 0; i < 100 && (await health(b)).replica.leases.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect((await health(b)).replica.leases).toEqual(['demo']);
});

test('a missing URL variable stops the start, naming it', async () => {
  await expect(buildRuntime({ config, clock: createSystemClock(), adapters: [], specs: commands, logger: silentLogger, env: {} })).rejects.toThrow(DatabaseUrlMissingError);
});
