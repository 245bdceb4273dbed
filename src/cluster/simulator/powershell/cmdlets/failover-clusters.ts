/**
 * @module simulator/powershell/cmdlets/failover-clusters: what the fake FailoverClusters cmdlets
 * answer, from the simulated cluster: nodes, the cluster's groups (one per clustered VM, plus the
 * core groups), their resources and private properties, possible owners, moves, pause/resume and
 * Cluster Shared Volumes. Property names and enum names are Windows' (Learn: FailoverClusters
 * module; virtual-machines-migrationstate for the VM resource's migration properties).
 */
import type { ClusterNode, ClusterVm } from '../../../cluster.js';
import { ClusterError } from '../../../errors.js';
import type { SimulatedCluster } from '../../simulated-cluster.js';
import { CmdletFailure, asCmdlet } from './cmdlet-failure.js';
import { flag, nodesWithIds, sameName, text, texts, type CmdletContext, type CmdletHandler } from './cmdlet-context.js';
import { resourceMigration } from './migration-jobs.js';
import { csvRows, csvStateRows } from './shared-volumes.js';
import { testCluster } from './test-cluster.js';

const FC = 'Microsoft.FailoverClusters.PowerShell';

function nodeData(cluster: string, node: ClusterNode & { id: string }) {
  return { Name: node.name, Id: node.id, State: node.state, DrainStatus: node.drainStatus, Cluster: cluster };
}

/** Group and resource state for the VM's state (a quick migration shows as Saving, Saved, Starting). */
export function groupStates(vm: ClusterVm): { group: string; resource: string } {
  switch (vm.state) {
    case 'Running': case 'Paused': return { group: 'Online', resource: 'Online' };
    case 'Off': case 'Saved': return { group: 'Offline', resource: 'Offline' };
    case 'Saving': case 'Stopping': return { group: 'Pending', resource: 'OfflinePending' };
    case 'Starting': return { group: 'Pending', resource: 'OnlinePending' };
    default: return { group: 'Unknown', resource: 'Unknown' };
  }
}

function notFound(kind: 'node' | 'group' | 'resource', name: string, cmdlet: string, command: string): CmdletFailure {
  const words = { node: `The cluster node '${name}' was not found.`, group: `The cluster group '${name}' was not found.`, resource: `The cluster resource '${name}' was not found.` };
  const win32 = { node: 5042, group: 5013, resource: 5007 };
  return new CmdletFailure({
    message: words[kind], errorId: `${cmdlet},${FC}.${command}`, category: 'ObjectNotFound', exception: 'ClusterCmdletException',
    win32: win32[kind], target: name, terminating: false,
  });
}

async function clusterGroups(ctx: CmdletContext) {
  const { cluster } = ctx;
  const nodes = await nodesWithIds(cluster);
  const first = nodes.find((n) => n.state !== 'Down') ?? nodes[0];
  const byName = (name: string) => nodes.find((n) => sameName(n.name, name)) ?? first;
  const core = first ? [
    { Name: 'Cluster Group', OwnerNode: nodeData(cluster.name, first), State: 'Online', GroupType: 'Cluster', Cluster: cluster.name, vm: undefined },
    { Name: 'Available Storage', OwnerNode: nodeData(cluster.name, first), State: 'Offline', GroupType: 'AvailableStorage', Cluster: cluster.name, vm: undefined },
  ] : [];
  const vms = (await cluster.listVms()).filter((vm) => vm.clustered);
  const groups = vms.map((vm) => {
    const owner = byName(vm.ownerNode);
    return {
      Name: vm.name, OwnerNode: owner ? nodeData(cluster.name, owner) : null, State: groupStates(vm).group, GroupType: 'VirtualMachine',
      Cluster: cluster.name, vm,
    };
  });
  return [...core, ...groups];
}

const strip = <T extends { vm: unknown }>({ vm: _vm, ...rest }: T) => rest;

function resourcesOf(cluster: SimulatedCluster, vm: ClusterVm) {
  const state = groupStates(vm).resource;
  return [
    { Name: `Virtual Machine ${vm.name}`, State: state, OwnerGroup: vm.name, OwnerNode: vm.ownerNode, ResourceType: 'Virtual Machine', Cluster: cluster.name, vm },
    { Name: `Virtual Machine Configuration ${vm.name}`, State: state === 'Online' ? 'Online' : state, OwnerGroup: vm.name, OwnerNode: vm.ownerNode,
      ResourceType: 'Virtual Machine Configuration', Cluster: cluster.name, vm },
  ];
}

async function allResources(ctx: CmdletContext) {
  const vms = (await ctx.cluster.listVms()).filter((vm) => vm.clustered);
  return vms.flatMap((vm) => resourcesOf(ctx.cluster, vm));
}

async function findResource(ctx: CmdletContext, name: string, cmdlet: string, command: string) {
  const found = (await allResources(ctx)).find((r) => sameName(r.Name, name));
  if (!found) throw notFound('resource', name, cmdlet, command);
  return found;
}

async function changedNode(ctx: CmdletContext, name: string) {
  const node = (await nodesWithIds(ctx.cluster)).find((n) => sameName(n.name, name));
  return node ? [nodeData(ctx.cluster.name, node)] : [];
}

export const failoverClusterCmdlets: Readonly<Record<string, CmdletHandler>> = {
  'Get-Cluster': async ({ cluster }) => {
    const nodes = await cluster.listNodes();
    const limit = nodes.find((n) => n.clusterMigrationLimit !== undefined)?.clusterMigrationLimit;
    return [{ Name: cluster.name, Domain: 'contoso.com', Id: '00000000-0000-4000-8000-000000000001', ...(limit === undefined ? {} : { MaximumParallelMigrations: limit }) }];
  },
  'Get-ClusterNode': async (ctx) => {
    const nodes = await nodesWithIds(ctx.cluster);
    const names = texts(ctx, 'Name');
    if (names.length === 0) return nodes.map((n) => nodeData(ctx.cluster.name, n));
    return names.map((name) => {
      const node = nodes.find((n) => sameName(n.name, name));
      if (!node) throw notFound('node', name, 'Get-ClusterNode', 'GetNodeCommand');
      return nodeData(ctx.cluster.name, node);
    });
  },
  'Get-ClusterGroup': async (ctx) => {
    const groups = await clusterGroups(ctx);
    const vmId = text(ctx, 'VMId');
    if (vmId !== '') {
      const group = groups.find((g) => g.vm?.id.toLowerCase() === vmId.toLowerCase());
      if (!group) throw notFound('group', vmId, 'Get-ClusterGroup', 'GetClusterGroupCommand');
      return [strip(group)];
    }
    const node = text(ctx, 'Node');
    const names = texts(ctx, 'Name');
    const picked = names.length === 0 ? groups.filter((g) => node === '' || (g.OwnerNode && sameName(g.OwnerNode.Name, node)))
      : names.map((name) => {
        const group = groups.find((g) => sameName(g.Name, name));
        if (!group) throw notFound('group', name, 'Get-ClusterGroup', 'GetClusterGroupCommand');
        return group;
      });
    return picked.map(strip);
  },
  'Get-ClusterResource': async (ctx) => {
    const group = text(ctx, 'Group');
    const all = group === '' ? await allResources(ctx) : (await allResources(ctx)).filter((r) => sameName(r.OwnerGroup, group));
    const names = texts(ctx, 'Name');
    const picked = names.length === 0 ? all : names.map((name) => {
      const found = all.find((r) => sameName(r.Name, name));
      if (!found) throw notFound('resource', name, 'Get-ClusterResource', 'GetResourceCommand');
      return found;
    });
    return picked.map(strip);
  },
  'Get-ClusterParameter': async (ctx) => {
    const resource = await findResource(ctx, text(ctx, 'Resource'), 'Get-ClusterParameter', 'GetClusterParameterCommand');
    const migration = await resourceMigration(ctx, resource.vm);
    const all = [
      { Name: 'VmID', Type: 'String', Value: resource.vm.id, IsReadOnly: true },
      { Name: 'OfflineAction', Type: 'UInt32', Value: 1, IsReadOnly: false },
      { Name: 'ShutdownAction', Type: 'UInt32', Value: 0, IsReadOnly: false },
      { Name: 'MigrationState', Type: 'UInt32', Value: migration.state, IsReadOnly: true },
      { Name: 'MigrationProgress', Type: 'UInt32', Value: migration.progress, IsReadOnly: true },
      { Name: 'MigrationFailureReason', Type: 'UInt32', Value: migration.failureReason, IsReadOnly: true },
    ].map((p) => ({ ...p, ClusterObject: resource.Name }));
    const names = texts(ctx, 'Name');
    if (names.length === 0) return all;
    return names.map((name) => {
      const found = all.find((p) => sameName(p.Name, name));
      if (!found) {
        throw new CmdletFailure({
          message: `The property '${name}' does not exist on resource '${resource.Name}'.`, errorId: `Get-ClusterParameter,${FC}.GetClusterParameterCommand`,
          category: 'InvalidArgument', exception: 'ClusterCmdletException', win32: 13, target: name, terminating: true,
        });
      }
      return found;
    });
  },
  'Get-ClusterOwnerNode': async (ctx) => {
    const resource = await findResource(ctx, text(ctx, 'Resource') || text(ctx, 'Group'), 'Get-ClusterOwnerNode', 'GetClusterOwnerNodeCommand');
    const nodes = await nodesWithIds(ctx.cluster);
    const owners = (resource.vm.possibleOwners ?? []).map((name) => nodes.find((n) => sameName(n.name, name))).filter((n) => n !== undefined);
    return [{ ClusterObject: resource.Name, OwnerNodes: owners.map((n) => nodeData(ctx.cluster.name, n)) }];
  },
  'Move-ClusterVirtualMachineRole': async (ctx) => {
    const name = text(ctx, 'Name');
    const cmdlet = { errorId: `Move-ClusterVirtualMachineRole,${FC}.MoveClusterVirtualMachineRoleCommand`, exception: 'ClusterCmdletException' as const, target: name };
    if (flag(ctx, 'Cancel')) {
      await asCmdlet(cmdlet, () => ctx.cluster.cancelMigration(name));
    } else {
      const type = text(ctx, 'MigrationType') === 'Quick' ? 'quick' : 'live';
      await asCmdlet(cmdlet, () => ctx.cluster.migrateVm({ vm: name, node: text(ctx, 'Node'), type }));
    }
    return (await clusterGroups(ctx)).filter((g) => sameName(g.Name, name)).map(strip);
  },
  'Suspend-ClusterNode': async (ctx) => {
    const name = text(ctx, 'Name');
    if (flag(ctx, 'Drain')) throw new ClusterError('operation-failed', 'the simulator does not drain with Suspend-ClusterNode -Drain: the bot drains VM by VM');
    await asCmdlet({ errorId: `Suspend-ClusterNode,${FC}.SuspendClusterNodeCommand`, exception: 'ClusterCmdletException', target: name }, () => ctx.cluster.pauseNode(name));
    return changedNode(ctx, name);
  },
  'Resume-ClusterNode': async (ctx) => {
    const name = text(ctx, 'Name');
    const failback = { Immediate: 'immediate', Policy: 'policy', NoFailback: 'none' } as const;
    const mode = failback[text(ctx, 'Failback') as keyof typeof failback] ?? 'none';
    await asCmdlet({ errorId: `Resume-ClusterNode,${FC}.ResumeClusterNodeCommand`, exception: 'ClusterCmdletException', target: name },
      () => ctx.cluster.resumeNode(name, { failback: mode }));
    return changedNode(ctx, name);
  },
  'Get-ClusterSharedVolume': async (ctx) => {
    const rows = await csvRows(ctx);
    const names = texts(ctx, 'Name');
    return names.length === 0 ? rows : rows.filter((r) => names.some((n) => sameName(n, r.Name)));
  },
  'Move-ClusterSharedVolume': async (ctx) => {
    const name = text(ctx, 'Name');
    await asCmdlet({ errorId: `Move-ClusterSharedVolume,${FC}.MoveClusterSharedVolumeCommand`, exception: 'ClusterCmdletException', target: name },
      () => ctx.cluster.moveVolume(name, text(ctx, 'Node')));
    return (await csvRows(ctx)).filter((r) => sameName(r.Name, name));
  },
  'Get-ClusterSharedVolumeState': (ctx) => csvStateRows(ctx),
  'Test-Cluster': (ctx) => testCluster(ctx),
};
