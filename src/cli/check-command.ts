/**
 * @module cli/check-command: `npm run cli -- check` — for every configured cluster: can the bot
 * reach it, authenticate, and run the FailoverClusters and Hyper-V cmdlets its scripts need?
 * Says exactly what is wrong, in the remoting layer's own words.
 */
import { createSystemClock } from '../cluster/clock.js';
import type { ClusterNode } from '../cluster/cluster.js';
import { buildCluster, MissingSecretError } from '../composition/clusters.js';
import { transportWarnings } from '../composition/transport-warnings.js';
import { loadConfig } from '../config/load-config.js';
import { silentLogger } from '../core/logger.js';
import type { AuthReport } from '../composition/remote-auth.js';
import type { CliIo } from './io.js';
import { checkNodes, reason, schemeNames } from './check-nodes.js';
import { readSessionFunctions } from './session-functions.js';

/** The endpoint answered but its role or module lacks functions the bot calls. */
class SessionLacksFunctionsError extends Error {
  override readonly name = 'SessionLacksFunctionsError';
  constructor(readonly missing: readonly string[], readonly present: number) {
    super(`the session lacks ${missing.join(', ')} (it has ${present} of the bot's functions): install the current HyperVChatOps module and role (docs/jea.md)`);
  }
}

export const checkUsage = 'npm run cli -- check   (uses HYPERV_CHATOPS_CONFIG or ./hyperv-chatops.config.json)';

interface Step {
  label: string;
  run(): Promise<string>;
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** "Kerberos as svc@REALM, ticket valid until … (9 h 59 min left), renewable until …", or what negotiate fell back to. */
export function describeAuth(report: AuthReport, now: number): string {
  const used = report.used;
  const head = used ? schemeNames[used] : `${schemeNames[report.configured]} (no connection authenticated)`;
  const fallback = report.fallbackReason ? `, after negotiate fell back from Kerberos: ${report.fallbackReason}` : '';
  const t = report.ticket;
  const ticket = t && used === 'kerberos'
    ? ` as ${t.principal}, ticket valid until ${utc(t.endTime)} (${duration(t.endTime - now)} left)${t.renewTill > t.endTime ? `, renewable until ${utc(t.renewTill)}` : ''}`
    : '';
  return `${head}${ticket}${fallback}`;
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length > 0) throw new Error(`check takes no arguments; usage: ${checkUsage}`);
  const { config, file } = await loadConfig(io.env as NodeJS.ProcessEnv);
  io.stdout.write(`Checking ${config.clusters.length} cluster(s) from ${file ?? 'the built-in demo configuration'}\n`);
  let failures = 0;
  for (const c of config.clusters) {
    io.stdout.write(`\n${c.name} (${c.kind === 'remote' ? `${c.endpoint}, ${c.transport}` : `simulated, ${c.transport}`})\n`);
    for (const warning of transportWarnings(c)) io.stdout.write(`  ! ${warning}\n`);
    let built;
    try {
      built = await buildCluster(c, { clock: createSystemClock(), logger: silentLogger, pollMs: 1000, env: io.env as NodeJS.ProcessEnv });
    } catch (error) {
      failures++;
      io.stdout.write(`  ✗ configuration: ${error instanceof MissingSecretError ? error.message : String(error)}\n`);
      continue;
    }
    const cluster = built.cluster;
    const via = built.transport;
    if (via) io.stdout.write(`  transport: ${via.transport}, ${via.endpoint}${via.configurationName ? `, configuration ${via.configurationName}` : ''}\n`);
    const psrp = via?.psrp;
    let nodes: ClusterNode[] = [];
    const steps: Step[] = [
      ...(psrp ? [{
        label: `PSRP session${via.configurationName ? ` ${via.configurationName}` : ''}: the bot's functions`,
        run: async () => {
          const s = await readSessionFunctions(psrp);
          if (s.missing.length) throw new SessionLacksFunctionsError(s.missing, s.present.length);
          return `all ${s.present.length} (${s.present.join(', ')}); ${s.commands} commands in the session`;
        },
      }] : []),
      { label: 'reachable, authenticated, FailoverClusters cmdlets (list-nodes.ps1)', run: async () => `${(nodes = await cluster.listNodes()).length} nodes` },
      { label: 'Hyper-V cmdlets on the nodes (list-vms.ps1)', run: async () => `${(await cluster.listVms()).length} VMs` },
      { label: 'Cluster Shared Volumes (list-volumes.ps1)', run: async () => `${(await cluster.listVolumes()).length} volumes` },
    ];
    try {
      let passed = 0;
      for (const step of steps) {
        try {
          io.stdout.write(`  ✓ ${step.label}: ${await step.run()}\n`);
          passed++;
        } catch (error) {
          failures++;
          io.stdout.write(`  ✗ ${step.label}: ${reason(error)}\n`);
          break; // later steps need the earlier ones
        }
      }
      if (via?.nodes && passed === steps.length && nodes.length > 0) {
        io.stdout.write('  each node, through the bot\'s own session to it (get-node-host.ps1):\n');
        for (const line of await checkNodes(nodes, via.nodes, via.auth)) {
          if (!line.ok) failures++;
          io.stdout.write(`    ${line.text}\n`);
        }
      }
      if (via?.auth) io.stdout.write(`  authentication: ${describeAuth(via.auth(), Date.now())}\n`);
    } finally {
      await built.close();
    }
  }
  io.stdout.write(failures ? `\n${failures} problem(s) found.\n` : '\nEverything answers.\n');
  return failures ? 1 : 0;
}
