/**
 * @module cluster/remote/remote-cluster: the Cluster port over PowerShell. Each operation runs its
 * script from src/cluster/scripts with the request's values passed only as arguments (the
 * PowerShell layer renders them as literals with its one quoting function), reads the one JSON
 * document it prints with zod, and turns failures into ClusterErrors by error id.
 */
import type { Clock } from '../clock.js';
import type { Cluster, FailbackMode, MigrationRequest } from '../cluster.js';
import type { PowerShellRunner } from '../../remoting/powershell/index.js';
import { createMigrationLedger } from './migration-ledger.js';
import { checkName } from './names.js';
import { createAdminOperations } from './admin-operations.js';
import { pickVm, toNode, toVm, toVolume } from './row-mapping.js';
import { createWinrsOperationRunner, type ClusterOperationRunner } from './operation-runner.js';
import { createScriptCall, type RemoteClusterLogger } from './script-call.js';
import { watchRemoteMigration } from './watch-migration.js';

export type { RemoteClusterLogger } from './script-call.js';
export { DEFAULT_LIVE_MIGRATION_LIMIT } from './row-mapping.js';

export interface RemoteClusterOptions {
  /** The cluster's name as the bot shows it. */
  name: string;
  /** WinRS: scripts run by this PowerShell layer. Give this or `operations`. */
  powershell?: Pick<PowerShellRunner, 'runScript'>;
  /** How the operations run (createPsrpOperationRunner for a JEA endpoint); wins over `powershell`. */
  operations?: ClusterOperationRunner;
  clock: Clock;
  /** How often watchMigration polls when the caller gives no pollMs; default 2000. */
  pollMs?: number;
  /** How long a migration started here may show nothing before a watch calls it "none"; default 30 000. */
  startGraceMs?: number;
  /** Deadline of each script run, passed to the PowerShell layer. */
  timeoutMs?: number;
  /** Deadline of a validation (Test-Cluster runs for minutes); default DEFAULT_VALIDATION_TIMEOUT_MS, two hours. */
  validationTimeoutMs?: number;
  logger?: RemoteClusterLogger;
}

const failbackArgument: Readonly<Record<FailbackMode, string>> = { none: 'NoFailback', immediate: 'Immediate', policy: 'Policy' };

export function createRemoteCluster(options: RemoteClusterOptions): Cluster {
  const { clock } = options;
  const ledger = createMigrationLedger();
  const operations = options.operations ?? (options.powershell ? createWinrsOperationRunner(options.powershell) : undefined);
  if (!operations) throw new TypeError('createRemoteCluster needs powershell (WinRS) or operations (PSRP)');
  const run = createScriptCall({ ...options, operations });

  const migrationArgs = (request: MigrationRequest) => {
    checkName('vm', request.vm);
    checkName('node', request.node);
    return { Vm: request.vm, Node: request.node };
  };

  return {
    name: options.name,
    async listNodes() {
      return (await run('list-nodes', {})).map(toNode);
    },
    async listVms(filter) {
      if (filter?.node === undefined) return (await run('list-vms', {})).map(toVm);
      checkName('node', filter.node);
      return (await run('list-vms', { Node: filter.node }, { details: { node: filter.node } })).map(toVm);
    },
    async getVm(name) {
      checkName('vm', name);
      return pickVm(name, (await run('get-vm', { Name: name }, { details: { vm: name } })).map(toVm));
    },
    async listVolumes() {
      return (await run('list-volumes', {})).map(toVolume);
    },
    async migrateVm(request) {
      const args = { ...migrationArgs(request), MigrationType: request.type === 'live' ? 'Live' : 'Quick' };
      const started = await run('migrate-vm', args, { details: { vm: request.vm, node: request.node } });
      ledger.start({ vmId: started.id, source: started.source, target: started.target, type: request.type, at: clock.now() });
    },
    watchMigration(request, watchOptions) {
      const poll = (r: MigrationRequest, signal?: AbortSignal) =>
        run('watch-migration', migrationArgs(r), { details: { vm: r.vm, node: r.node }, signal });
      const deps = { clock, ledger, poll, defaultPollMs: options.pollMs ?? 2000, graceMs: options.startGraceMs ?? 30_000 };
      return watchRemoteMigration(deps, request, watchOptions);
    },
    async cancelMigration(vm) {
      checkName('vm', vm);
      await run('cancel-migration', { Vm: vm }, { details: { vm } });
    },
    async pauseNode(node) {
      checkName('node', node);
      await run('pause-node', { Node: node }, { details: { node } });
    },
    async resumeNode(node, resumeOptions) {
      checkName('node', node);
      const failback = failbackArgument[resumeOptions?.failback ?? 'none'];
      await run('resume-node', { Node: node, Failback: failback }, { details: { node } });
    },
    ...createAdminOperations(run, options.validationTimeoutMs),
  };
}
