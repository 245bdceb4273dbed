/**
 * @module ops-server: /healthz (process up, state writable, clusters reachable, from the last
 * background check with its age) and /metrics
 * (Prometheus text) on their own port, for the monitoring a production bot needs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../cluster/cluster.js';
import { createHealthCache, type HealthCheck } from './health-cache.js';
import type { PrometheusMetrics } from './prometheus.js';

export type { HealthCheck } from './health-cache.js';

export interface OpsServerOptions {
  metrics: PrometheusMetrics;
  checks: HealthCheck[];
  /** Per check (default 3 s): a cluster that does not answer in time is unhealthy. */
  timeoutMs?: number;
  /** /healthz shows results at most this old, refreshed in the background (default 30 s). */
  refreshMs?: number;
  now?: () => number;
  /** With replicas: this replica's name and the clusters whose jobs it runs (their leases), shown live. */
  replica?: () => { name: string; leases: string[] };
}

export function clusterCheck(cluster: Cluster): HealthCheck {
  return { name: `cluster:${cluster.name}`, check: async () => void (await (cluster.answers ? cluster.answers() : cluster.listNodes())) };
}

export function createOpsServer(o: OpsServerOptions): { listen(port: number, host?: string): Promise<string>; close(): Promise<void>; server: Server } {
  const health = createHealthCache({ checks: o.checks, timeoutMs: o.timeoutMs, refreshMs: o.refreshMs, now: o.now });
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/healthz') {
        // From the last check: a request never runs a script on a cluster, nor waits for one.
        const { healthy, checks, ageSeconds } = health.snapshot();
        res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: healthy ? 'ok' : 'failing', checks, ageSeconds, ...(o.replica ? { replica: o.replica() } : {}) }));
      } else if (req.method === 'GET' && req.url === '/metrics') {
        res.writeHead(200, { 'content-type': o.metrics.registry.contentType });
        res.end(await o.metrics.registry.metrics());
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found: try /healthz or /metrics\n');
      }
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  return {
    server,
    // The first check runs before the port opens, so the first answer is a real one.
    listen: (port, host = '127.0.0.1') =>
      health.refresh().then(() => new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
      })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
