/**
 * @module simulator/powershell/cmdlets/hyper-v: what the fake Hyper-V cmdlets answer. Every node
 * is a Hyper-V host holding the VMs it owns; the cmdlets act on the node they run on (a VM on
 * another node is not found; -ComputerName of another node is a refused second hop). VirtualMachine
 * as Get-VM shows it (MemoryAssigned 0 while off, MemoryStartup in bytes), VMHost's migration
 * settings, power changes and checkpoints performed on the model (Learn: Hyper-V module;
 * Microsoft.HyperV.PowerShell.VirtualMachine, VMHost, VMSnapshot).
 */
import type { ClusterVm } from '../../../cluster.js';
import { ClusterError } from '../../../errors.js';
import { CmdletFailure, asCmdlet } from './cmdlet-failure.js';
import { flag, sameName, text, texts, type CmdletContext, type CmdletHandler } from './cmdlet-context.js';
import { thisComputer } from './this-node.js';

const HV = 'Microsoft.HyperV.PowerShell.Commands';
const MiB = 1024 * 1024;

function vmData(vm: ClusterVm) {
  const runs = vm.state !== 'Off' && vm.state !== 'Saved';
  return {
    Name: vm.name, VMId: vm.id, State: vm.state, MemoryAssigned: runs ? vm.memoryMB * MiB : 0, MemoryStartup: vm.memoryMB * MiB,
    IsClustered: vm.clustered, ComputerName: vm.ownerNode,
  };
}

/** This node, which -ComputerName may name (any other is a refused second hop), and which must not be down. */
async function reachableHost(ctx: CmdletContext, command: string): Promise<string> {
  const computer = thisComputer(ctx, 'hyper-v', command);
  const node = (await ctx.cluster.listNodes()).find((n) => sameName(n.name, computer));
  if (!node || node.state === 'Down') {
    throw new CmdletFailure({
      message: `Hyper-V encountered an error trying to access an object on computer '${computer}' because the object was not found. The object might have been deleted. Verify that the Virtual Machine Management service on the computer is running.`,
      errorId: `ObjectNotFound,${HV}.${command}`, category: 'ObjectNotFound', exception: 'VirtualizationException', win32: 1722,
      target: computer, terminating: true,
    });
  }
  return node.name;
}

async function vmsOn(ctx: CmdletContext, command: string): Promise<ClusterVm[]> {
  const host = await reachableHost(ctx, command);
  return ctx.cluster.listVms({ node: host });
}

/** The VM a change names (by -VM's id, or -Name) on its host. */
async function targetVm(ctx: CmdletContext, command: string): Promise<ClusterVm> {
  const vms = await vmsOn(ctx, command);
  const id = text(ctx, 'Id');
  const name = text(ctx, 'Name');
  const vm = id !== '' ? vms.find((v) => v.id.toLowerCase() === id.toLowerCase()) : vms.find((v) => sameName(v.name, name));
  if (!vm) {
    const what = id !== '' ? `id "${id}"` : `name "${name}"`;
    throw new CmdletFailure({
      message: `Hyper-V was unable to find a virtual machine with ${what}.`, errorId: `InvalidParameter,${HV}.${command}`,
      category: 'InvalidArgument', exception: 'VirtualizationException', target: id || name, terminating: false,
    });
  }
  return vm;
}

/** A refusal as the Hyper-V cmdlet raises it: a state that does not allow the change is InvalidState. */
function hyperVCmdlet(command: string, vm: ClusterVm, code?: string) {
  return { errorId: `${code ?? 'OperationFailed'},${HV}.${command}`, exception: 'VirtualizationException' as const, target: vm.name };
}

async function change(ctx: CmdletContext, command: string, perform: (vm: ClusterVm) => Promise<unknown>): Promise<unknown[]> {
  const vm = await targetVm(ctx, command);
  try {
    await perform(vm);
  } catch (error) {
    if (error instanceof ClusterError && error.code === 'wrong-state') {
      return asCmdlet(hyperVCmdlet(command, vm, 'InvalidState'), () => Promise.reject(error));
    }
    return asCmdlet(hyperVCmdlet(command, vm), () => Promise.reject(error));
  }
  const after = await ctx.cluster.getVm(vm.name);
  return after ? [vmData(after)] : [];
}

function snapshotData(ctx: CmdletContext, vm: ClusterVm, c: { name: string; id: string; createdAt: number; parent?: string }) {
  return {
    Name: c.name, Id: c.id, VMName: vm.name, VMId: vm.id, CreationTime: new Date(c.createdAt).toISOString(),
    ParentSnapshotName: c.parent ?? null, ComputerName: vm.ownerNode,
  };
}

export const hyperVCmdlets: Readonly<Record<string, CmdletHandler>> = {
  'Get-VM': async (ctx) => {
    const vms = await vmsOn(ctx, 'GetVM');
    const id = text(ctx, 'Id');
    if (id !== '') {
      const vm = vms.find((v) => v.id.toLowerCase() === id.toLowerCase());
      if (!vm) {
        throw new CmdletFailure({
          message: `Hyper-V was unable to find a virtual machine with id "${id}".`, errorId: `InvalidParameter,${HV}.GetVM`,
          category: 'InvalidArgument', exception: 'VirtualizationException', target: id, terminating: false,
        });
      }
      return [vmData(vm)];
    }
    const names = texts(ctx, 'Name');
    if (names.length === 0) return vms.map(vmData);
    return names.map((name) => {
      const vm = vms.find((v) => sameName(v.name, name));
      if (!vm) {
        throw new CmdletFailure({
          message: `Hyper-V was unable to find a virtual machine with name "${name}".`, errorId: `InvalidParameter,${HV}.GetVM`,
          category: 'InvalidArgument', exception: 'VirtualizationException', target: name, terminating: false,
        });
      }
      return vmData(vm);
    });
  },
  'Get-VMHost': async (ctx) => {
    const host = await reachableHost(ctx, 'GetVMHost');
    const node = (await ctx.cluster.listNodes()).find((n) => n.name === host);
    return node ? [{
      ComputerName: node.name, MaximumVirtualMachineMigrations: node.hostMigrationLimit ?? node.liveMigrationLimit,
      VirtualMachineMigrationPerformanceOption: node.migrationPerformance ?? 'TCPIP', MemoryCapacity: node.memoryTotalMB * MiB,
    }] : [];
  },
  'Start-VM': (ctx) => change(ctx, 'StartVM', (vm) => ctx.cluster.startVm(vm.name)),
  'Stop-VM': (ctx) => change(ctx, 'StopVM', (vm) => {
    if (flag(ctx, 'Save')) return ctx.cluster.saveVm(vm.name);
    return ctx.cluster.stopVm(vm.name, { force: flag(ctx, 'TurnOff') });
  }),
  'Save-VM': (ctx) => change(ctx, 'SaveVM', (vm) => ctx.cluster.saveVm(vm.name)),
  'Restart-VM': (ctx) => change(ctx, 'RestartVM', (vm) => ctx.cluster.restartVm(vm.name)),
  'Checkpoint-VM': async (ctx) => {
    const vm = await targetVm(ctx, 'CheckpointVM');
    const name = text(ctx, 'SnapshotName');
    const taken = await asCmdlet(hyperVCmdlet('CheckpointVM', vm), () => ctx.cluster.checkpointVm(vm.name, name === '' ? undefined : name));
    return [snapshotData(ctx, vm, taken)];
  },
  'Get-VMSnapshot': async (ctx) => {
    const vm = await targetVm(ctx, 'GetVMSnapshot');
    const wanted = text(ctx, 'Snapshot');
    const all = await asCmdlet(hyperVCmdlet('GetVMSnapshot', vm), () => ctx.cluster.listCheckpoints(vm.name));
    return all.filter((c) => wanted === '' || sameName(c.name, wanted)).map((c) => snapshotData(ctx, vm, c));
  },
};
