/**
 * @module prometheus: the Metrics port on prom-client, plus counters for what the edges do:
 * chat API calls and WinRM commands (see instrument.ts).
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../core/metrics.js';

export interface PrometheusMetrics extends Metrics {
  registry: Registry;
  chatCall(platform: string, method: string, ok: boolean): void;
  chatRateLimitWait(platform: string, waitMs: number): void;
  winrmCall(cluster: string, transport: string, ok: boolean, durationMs: number): void;
  /** With replicas: a cluster's lease taken (after another replica stopped: with the gap), lost or let go. */
  leaseChange(cluster: string, change: 'acquired' | 'taken-over' | 'lost' | 'released', takeoverMs?: number): void;
  database(ok: boolean, roundTripMs?: number): void;
}

export function createPrometheusMetrics(): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hyperv_chatops_' });
  const commands = new Counter({ name: 'hyperv_chatops_commands_total', help: 'Chat commands and actions handled, by outcome', labelNames: ['kind', 'outcome'], registers: [registry] });
  const approvals = new Counter({ name: 'hyperv_chatops_approvals_total', help: 'Approval decisions, by outcome', labelNames: ['outcome'], registers: [registry] });
  const jobs = new Histogram({
    name: 'hyperv_chatops_job_duration_seconds',
    help: 'Jobs by command and outcome, with their duration',
    labelNames: ['command', 'outcome'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600],
    registers: [registry],
  });
  const chat = new Counter({ name: 'hyperv_chatops_chat_api_calls_total', help: 'Calls to chat platform APIs', labelNames: ['platform', 'method', 'outcome'], registers: [registry] });
  const waits = new Histogram({ name: 'hyperv_chatops_chat_rate_limit_wait_seconds', help: 'Waits imposed by chat rate limits', labelNames: ['platform'], registers: [registry] });
  const winrm = new Histogram({
    name: 'hyperv_chatops_winrm_command_seconds',
    help: 'Cluster operations over WinRM (a script over WinRS, a function over PSRP), by cluster, outcome and transport',
    labelNames: ['cluster', 'outcome', 'transport'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const leases = new Counter({ name: 'hyperv_chatops_lease_changes_total', help: 'Cluster leases this replica took, took over from a stopped replica, lost or let go', labelNames: ['cluster', 'change'], registers: [registry] });
  const takeovers = new Histogram({
    name: 'hyperv_chatops_lease_takeover_seconds',
    help: "From the stopped replica's last lease renewal to this replica taking the lease over",
    labelNames: ['cluster'],
    buckets: [1, 2, 5, 10, 15, 20, 30, 45, 60, 120],
    registers: [registry],
  });
  const database = new Histogram({ name: 'hyperv_chatops_database_roundtrip_seconds', help: 'Round trips to PostgreSQL (lease renewals and the health check), by outcome', labelNames: ['outcome'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] });
  const databaseErrors = new Counter({ name: 'hyperv_chatops_database_errors_total', help: 'Failed round trips and refused writes to PostgreSQL', registers: [registry] });
  return {
    registry,
    leaseChange: (cluster, change, takeoverMs) => {
      leases.inc({ cluster, change });
      if (takeoverMs !== undefined) takeovers.observe({ cluster }, takeoverMs / 1000);
    },
    database: (ok, ms) => {
      if (!ok) databaseErrors.inc();
      if (ms !== undefined) database.observe({ outcome: ok ? 'ok' : 'error' }, ms / 1000);
    },
    command: (kind, outcome) => commands.inc({ kind, outcome }),
    approval: (outcome) => approvals.inc({ outcome }),
    job: (command, outcome, ms) => jobs.observe({ command, outcome }, ms / 1000),
    chatCall: (platform, method, ok) => chat.inc({ platform, method, outcome: ok ? 'ok' : 'error' }),
    chatRateLimitWait: (platform, ms) => waits.observe({ platform }, ms / 1000),
    winrmCall: (cluster, transport, ok, ms) => winrm.observe({ cluster, outcome: ok ? 'ok' : 'error', transport }, ms / 1000),
  };
}
