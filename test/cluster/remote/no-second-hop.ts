/**
 * @module no-second-hop: proof, for a RemoteCluster on the simulator, that every operation runs
 * on the node it concerns and no script reaches another node. The simulator gives each node its
 * own PowerShell and knows which node each fake cmdlet call came from; its Hyper-V, CIM and
 * event-log fakes act on that node only and refuse -ComputerName of another (a second hop is
 * access denied on Windows), so a script that tried would fail the operation as well.
 */
import type { Cluster } from '../../../src/cluster/cluster.js';

export interface CmdletCall {
  readonly cmdlet: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly node: string;
}

/** Records the fake cmdlet calls (give `record` as the rig's onCall); `take` returns and forgets them. */
export function cmdletCalls() {
  let calls: CmdletCall[] = [];
  return {
    record: (cmdlet: string, parameters: Readonly<Record<string, unknown>>, node: string) => void calls.push({ cmdlet, parameters, node }),
    take(): CmdletCall[] {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}

/** `cmdlet`'s calls as `node:cmdlet`, sorted (the nodes are read at once), without repeats. */
export const where = (calls: readonly CmdletCall[], ...cmdlets: string[]) =>
  [...new Set(calls.filter((c) => cmdlets.includes(c.cmdlet)).map((c) => `${c.node}:${c.cmdlet}`))].sort();

/** The calls that named a computer other than the node they ran on. */
export const hops = (calls: readonly CmdletCall[]) =>
  calls.filter((c) => typeof c.parameters.ComputerName === 'string' && c.parameters.ComputerName !== '' && c.parameters.ComputerName.toLowerCase() !== c.node.toLowerCase());

/**
 * Runs the operations that concern a node on the contract inventory (node1, node2 up; node3 down)
 * and checks where each ran. `calls` must be the recorder the cluster's simulator reports to.
 */
export async function expectEachOperationOnItsNode(cluster: Cluster, calls: ReturnType<typeof cmdletCalls>): Promise<void> {
  const all: CmdletCall[] = [];
  const step = () => {
    const taken = calls.take();
    all.push(...taken);
    return taken;
  };
  // Reads fan out: each node that is up reads itself; node3 is down and is not asked.
  await cluster.listVms();
  expect(where(step(), 'Get-VM')).toEqual(['node1:Get-VM', 'node2:Get-VM']);
  await cluster.listNodes();
  expect(where(step(), 'Get-VMHost', 'Get-CimInstance')).toEqual(['node1:Get-CimInstance', 'node1:Get-VMHost', 'node2:Get-CimInstance', 'node2:Get-VMHost']);
  // A VM's power and checkpoints run on the node that holds it (arch01 is on node2, web01 on node1).
  await cluster.startVm('arch01');
  expect(where(step(), 'Start-VM')).toEqual(['node2:Start-VM']);
  await cluster.checkpointVm('web01', 'before');
  expect(where(step(), 'Checkpoint-VM')).toEqual(['node1:Checkpoint-VM']);
  await cluster.listCheckpoints('web01');
  expect(where(step(), 'Get-VMSnapshot')).toEqual(['node1:Get-VMSnapshot']);
  // A migration starts on the VM's owner, with the target's memory read on the target.
  await cluster.migrateVm({ vm: 'web01', node: 'node2', type: 'quick' });
  const migration = step();
  expect(where(migration, 'Move-ClusterVirtualMachineRole')).toEqual(['node1:Move-ClusterVirtualMachineRole']);
  expect(where(migration, 'Get-CimInstance')).toEqual(['node2:Get-CimInstance']);
  // A volume moves from its coordinator (Volume2's is node2).
  await cluster.moveVolume('Volume2', 'node1');
  expect(where(step(), 'Move-ClusterSharedVolume')).toEqual(['node2:Move-ClusterSharedVolume']);
  // Events are read from each node's own logs.
  await cluster.recentEvents({ sinceMs: 3_600_000 });
  expect(where(step(), 'Get-WinEvent')).toEqual(['node1:Get-WinEvent', 'node2:Get-WinEvent']);
  expect(all.filter((c) => c.node === 'node3')).toEqual([]);
  expect(hops(all)).toEqual([]);
}
