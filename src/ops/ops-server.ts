/**
 * @module ops-server: /healthz (process up, state writable, clusters reachable) and /metrics
 * (Prometheus text) on their own port, for the monitoring a production bot needs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../cluster/cluster.js';
import type { PrometheusMetrics } from './prometheus.js';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface OpsServerOptions {
  metrics: PrometheusMetrics;
  checks: HealthCheck[];
  /** Per check (default 3 s): a cluster that does not answer in time is unhealthy. */
  timeoutMs?: number;
}

export function clusterCheck(cluster: Cluster): HealthCheck {
  return { name: `cluster:${cluster.name}`, check: async () => void (await cluster.listNodes()) };
}

async function runCheck(c: HealthCheck, timeoutMs: number): Promise<[string, string]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      c.check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return [c.name, 'ok'];
  } catch (error) {
    // Names the kind of failure only: messages may carry hosts or users, not secrets, but stay terse.
    return [c.name, error instanceof Error ? `failing: ${error.name === 'Error' ? error.message : error.name}` : 'failing'];
  } finally {
    clearTimeout(timer);
  }
}

export function createOpsServer(o: OpsServerOptions): { listen(port: number, host?: string): Promise<string>; close(): Promise<void>; server: Server } {
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/healthz') {
        const results = Object.fromEntries(await Promise.all(o.checks.map((c) => runCheck(c, o.timeoutMs ?? 3000))));
        const healthy = Object.values(results).every((v) => v === 'ok');
        res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: healthy ? 'ok' : 'failing', checks: results }));
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
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
