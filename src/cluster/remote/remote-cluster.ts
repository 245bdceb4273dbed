/**
 * @module cluster/remote/remote-cluster: the Cluster port over PowerShell. Each operation runs its
 * script from src/cluster/scripts with the request's values passed only as arguments (the
 * PowerShell layer renders them as literals with its one quoting function), reads the one JSON
 * document it prints with zod, and turns failures into ClusterErrors by error id. Whatever
 * concerns a node runs on that node through the bot's own session to it (`nodes`): reads fan out
 * to every node that is up, and a VM's operations run on the node that holds it, so no script
 * reaches another node and neither CredSSP nor delegation is needed. Reads of the cluster as a
 * whole (its members, groups, volumes) and the cluster service's own operations go to the entry.
 */
import type { Clock } from '../clock.js';
import type { Cluster, FailbackMode, MigrationRequest } from '../cluster.js';
import type { PowerShellRunner } from '../../remoting/powershell/index.js';
import { createMigrationLedger } from './migration-ledger.js';
import { ClusterError } from '../errors.js';
import { checkName, sameNodeName } from './names.js';
import { createAdminOperations } from './admin-operations.js';
import { createNodeReads, findMember, upNodes } from './node-reads.js';
import { pickVm, toNode, toVm, toVolume } from './row-mapping.js';
import { createWinrsOperationRunner, type ClusterOperationRunner } from './operation-runner.js';
import { createScriptCall, type RemoteClusterLogger } from './script-call.js';
import { createWatchPoll } from './watch-poll.js';
import { watchRemoteMigration } from './watch-migration.js';

export type { RemoteClusterLogger } from './script-call.js';
export { DEFAULT_LIVE_MIGRATION_LIMIT } from './row-mapping.js';

export interface RemoteClusterOptions {
  /** The cluster's name as the bot shows it. */
  name: string;
  /** WinRS: scripts run by this PowerShell layer. Give this or `operations`. */
  powershell?: Pick<PowerShellRunner, 'runScript'>;
  /** How the operations run on the entry node (createPsrpOperationRunner for a JEA endpoint); wins over `powershell`. */
  operations?: ClusterOperationRunner;
  /**
   * The bot's own session to each node, by the cluster's name for it (NodeSessions.node). Without
   * it every node's operations go to the entry: right only for a cluster of one node.
   */
  nodes?: (node: string) => ClusterOperationRunner;
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
  const run = createScriptCall({ ...options, operations, nodes: options.nodes });
  const reads = createNodeReads(run, options.logger);
  /** A node's own name for itself (COMPUTERNAME) is not the cluster's: rows say the node they ran on. */
  const vmsOn = async (nodes: readonly string[], read: (node: string) => ReturnType<typeof run<'list-vms'>>) =>
    (await reads.onEach(nodes, read)).flatMap(({ node, value }) => value.map((row) => toVm({ ...row, ownerNode: node })));

  const migrationArgs = (request: MigrationRequest) => {
    checkName('vm', request.vm);
    checkName('node', request.node);
    return { Vm: request.vm, Node: request.node };
  };

  return {
    name: options.name,
    async answers() {
      await reads.members();
    },
    async listNodes() {
      const members = await reads.members();
      const hosts = await reads.onEach(upNodes(members), (node) => run('get-node-host', {}, { on: node }));
      return members.map((m) => toNode(m, hosts.find((h) => h.node === m.name)?.value));
    },
    async listVms(filter) {
      const members = await reads.members();
      if (filter?.node === undefined) return vmsOn(upNodes(members), (node) => run('list-vms', {}, { on: node }));
      const wanted = filter.node;
      checkName('node', wanted);
      const member = findMember(members, wanted);
      if (!member) throw new ClusterError('node-not-found', `no node named "${wanted}" on ${options.name}`, { node: wanted, script: 'list-vms' });
      return vmsOn(upNodes([member]), (node) => run('list-vms', {}, { on: node, details: { node: wanted } }));
    },
    async getVm(name) {
      checkName('vm', name);
      const members = await reads.members();
      return pickVm(name, await vmsOn(upNodes(members), (node) => run('get-vm', { Name: name }, { on: node, details: { vm: name } })));
    },
    async listVolumes() {
      return (await run('list-volumes', {})).map(toVolume);
    },
    async migrateVm(request) {
      const args = { ...migrationArgs(request), MigrationType: request.type === 'live' ? 'Live' : 'Quick' };
      const details = { vm: request.vm, node: request.node };
      const { host, upNodes: up } = await reads.locateVm(request.vm);
      // The target's free memory, read on the target; -1 (unknown) leaves the decision to the cluster.
      const target = up.find((n) => sameNodeName(n, request.node));
      const free = target === undefined ? [] : await reads.onEach([target], (node) => run('get-node-host', {}, { on: node }));
      const targetFreeMB = free[0]?.value.memoryFreeMB ?? -1;
      const started = await run('migrate-vm', { ...args, TargetFreeMB: targetFreeMB }, { on: host, details });
      ledger.start({ vmId: started.id, source: started.source, target: started.target, type: request.type, at: clock.now() });
    },
    watchMigration(request, watchOptions) {
      const poll = createWatchPoll({ run, reads, ledger, migrationArgs });
      const deps = { clock, ledger, poll, defaultPollMs: options.pollMs ?? 2000, graceMs: options.startGraceMs ?? 30_000 };
      return watchRemoteMigration(deps, request, watchOptions);
    },
    async cancelMigration(vm) {
      checkName('vm', vm);
      const { host } = await reads.locateVm(vm);
      await run('cancel-migration', { Vm: vm }, { on: host, details: { vm } });
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
    ...createAdminOperations(run, reads, options.validationTimeoutMs),
  };
}
