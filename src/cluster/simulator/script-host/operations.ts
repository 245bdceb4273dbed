/**
 * @module simulator/script-host/operations: each cluster script, performed on a SimulatedCluster
 * and answered with what the real script prints (scripts/shapes.ts). Refusals are the
 * simulator's ClusterErrors, which the host turns into the scripts' error records.
 */
import type { Clock } from '../../clock.js';
import type { ClusterNode, FailbackMode } from '../../cluster.js';
import type { ClusterScriptName, MigrationStartedRow, NodeChangedRow, NodeRow, ScriptOutputs } from '../../scripts/index.js';
import type { SimulatedCluster } from '../simulated-cluster.js';
import {
  checkpointRow, eventRow, listVolumeRows, moveVolumeRow, setPower, validationRow, vmRow,
} from './admin-operations.js';
import { watchSnapshot } from './watch-snapshot.js';

export interface OperationContext {
  readonly cluster: SimulatedCluster;
  readonly clock?: Clock | undefined;
}

/** Bound parameters by canonical name (bindParameters fills mandatory ones and defaults). */
export type BoundParameters = Readonly<Record<string, string>>;

type Operation<N extends ClusterScriptName> = (ctx: OperationContext, params: BoundParameters) => Promise<ScriptOutputs[N]>;

const param = (params: BoundParameters, name: string) => params[name] ?? '';

/** A node that is down cannot be read: no memory, no host settings; the cluster's limit still applies. */
function nodeRow(node: ClusterNode, index: number): NodeRow {
  const down = node.state === 'Down';
  const clusterLimit = node.clusterMigrationLimit ?? null;
  return {
    name: node.name, id: String(index + 1), state: node.state, drainStatus: node.drainStatus,
    memoryTotalMB: down ? null : node.memoryTotalMB, memoryFreeMB: down ? null : node.memoryFreeMB,
    liveMigrationLimit: clusterLimit ?? (down ? null : node.hostMigrationLimit ?? node.liveMigrationLimit),
    hostMigrationLimit: down ? null : node.hostMigrationLimit ?? null, clusterMigrationLimit: clusterLimit,
    migrationPerformance: down ? null : node.migrationPerformance ?? null,
  };
}

async function nodeChanged(cluster: SimulatedCluster, name: string): Promise<NodeChangedRow> {
  const node = (await cluster.listNodes()).find((n) => n.name.toLowerCase() === name.toLowerCase());
  return { name: node?.name ?? name, state: node?.state ?? 'Unknown', drainStatus: node?.drainStatus ?? 'NotInitiated' };
}

async function migrate({ cluster }: OperationContext, params: BoundParameters): Promise<MigrationStartedRow> {
  const type = param(params, 'MigrationType') === 'Quick' ? 'Quick' : 'Live';
  const before = await cluster.getVm(param(params, 'Vm'));
  await cluster.migrateVm({ vm: param(params, 'Vm'), node: param(params, 'Node'), type: type === 'Quick' ? 'quick' : 'live' });
  const vm = before ?? (await cluster.getVm(param(params, 'Vm')));
  const moving = cluster.migrations().find((m) => m.vm === vm?.name);
  const target = moving?.target ?? (await nodeChanged(cluster, param(params, 'Node'))).name;
  return { vm: vm?.name ?? param(params, 'Vm'), id: vm?.id ?? '', source: before?.ownerNode ?? moving?.source ?? '', target, type };
}

const failback: Readonly<Record<string, FailbackMode>> = { Immediate: 'immediate', NoFailback: 'none', Policy: 'policy' };

export const operations: { readonly [N in ClusterScriptName]: Operation<N> } = {
  'list-nodes': async ({ cluster }) => (await cluster.listNodes()).map(nodeRow),
  'list-vms': async ({ cluster }, params) => {
    const node = param(params, 'Node');
    return (await cluster.listVms(node === '' ? undefined : { node })).map(vmRow);
  },
  'get-vm': async ({ cluster }, params) => {
    const vm = await cluster.getVm(param(params, 'Name'));
    return vm ? [vmRow(vm)] : [];
  },
  'list-volumes': async ({ cluster }) => listVolumeRows(cluster),
  'migrate-vm': migrate,
  'watch-migration': ({ cluster, clock }, params) => watchSnapshot(cluster, param(params, 'Vm'), param(params, 'Node'), clock),
  'cancel-migration': async ({ cluster }, params) => {
    await cluster.cancelMigration(param(params, 'Vm'));
    return { vm: (await cluster.getVm(param(params, 'Vm')))?.name ?? param(params, 'Vm'), cancelled: true };
  },
  'pause-node': async ({ cluster }, params) => {
    await cluster.pauseNode(param(params, 'Node'));
    return nodeChanged(cluster, param(params, 'Node'));
  },
  'resume-node': async ({ cluster }, params) => {
    await cluster.resumeNode(param(params, 'Node'), { failback: failback[param(params, 'Failback')] ?? 'none' });
    return nodeChanged(cluster, param(params, 'Node'));
  },
  'move-volume': ({ cluster }, params) => moveVolumeRow(cluster, param(params, 'Volume'), param(params, 'Node')),
  'validate-cluster': async ({ cluster }, params) => validationRow(await cluster.validate({ includeStorage: param(params, 'IncludeStorage') === 'True' })),
  'set-vm-power': ({ cluster }, params) => setPower(cluster, param(params, 'Vm'), param(params, 'Action')),
  'checkpoint-vm': async ({ cluster }, params) => {
    const name = param(params, 'Name');
    return checkpointRow(await cluster.checkpointVm(param(params, 'Vm'), name === '' ? undefined : name));
  },
  'list-checkpoints': async ({ cluster }, params) => (await cluster.listCheckpoints(param(params, 'Vm'))).map(checkpointRow),
  'list-events': async ({ cluster }, params) => {
    const about = param(params, 'About');
    const sinceMs = Number(param(params, 'SinceMinutes')) * 60_000;
    return (await cluster.recentEvents({ sinceMs, ...(about === '' ? {} : { about }) })).map(eventRow);
  },
};
