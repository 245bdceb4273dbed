/**
 * @module simulator/powershell/cmdlets/shared-volumes: Cluster Shared Volumes as
 * Get-ClusterSharedVolume and Get-ClusterSharedVolumeState show them: the coordinator node, the
 * volume's state (a resource state: Online, Offline, Failed, Pending while it moves), its
 * SharedVolumeInfo (FriendlyVolumeName and the partition in bytes), and each up node's access:
 * Direct, or redirected with Windows' reason.
 */
import { nodesWithIds, sameName, type CmdletContext } from './cmdlet-context.js';

const GiB = 1024 ** 3;

export async function csvRows(ctx: CmdletContext) {
  const nodes = await nodesWithIds(ctx.cluster);
  return (await ctx.cluster.listVolumes()).map((v) => {
    const owner = nodes.find((n) => sameName(n.name, v.ownerNode));
    const size = Math.round(v.sizeGB * GiB);
    const free = Math.round(v.freeGB * GiB);
    return {
      Name: v.name, State: v.state, Cluster: ctx.cluster.name,
      OwnerNode: owner ? { Name: owner.name, Id: owner.id, State: owner.state, DrainStatus: owner.drainStatus, Cluster: ctx.cluster.name } : null,
      SharedVolumeInfo: [{
        FriendlyVolumeName: v.path,
        Partition: { Size: size, FreeSpace: free, UsedSpace: size - free, PercentFree: size > 0 ? (free / size) * 100 : 0 },
      }],
    };
  });
}

export async function csvStateRows(ctx: CmdletContext) {
  const nodes = (await ctx.cluster.listNodes()).filter((n) => n.state !== 'Down');
  const volumes = await ctx.cluster.listVolumes();
  return volumes.flatMap((v) => nodes.map((node) => {
    const redirected = v.redirected.find((r) => sameName(r.node, node.name));
    return {
      Name: v.name, VolumeName: `\\\\?\\Volume{${v.name}}\\`, Node: node.name, VolumeFriendlyName: v.path.split('\\').pop() ?? v.name,
      StateInfo: redirected?.access ?? 'Direct',
      FileSystemRedirectedIOReason: redirected?.access === 'FileSystemRedirected' ? redirected.reason : 'NotFileSystemRedirected',
      BlockRedirectedIOReason: redirected?.access === 'BlockRedirected' ? redirected.reason : 'NotBlockRedirected',
    };
  }));
}
