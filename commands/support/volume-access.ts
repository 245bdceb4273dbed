/** @module volume-access: how the nodes reach a Cluster Shared Volume, in a few words for a table or a fact. */
import type { SharedVolume } from '../../src/cluster/cluster.js';

const kinds = { FileSystemRedirected: 'file system', BlockRedirected: 'block' } as const;

/** "direct", or "redirected on node2: UserRequest (file system)". */
export function accessOf(volume: SharedVolume): string {
  if (volume.redirected.length === 0) return 'direct';
  return `redirected on ${volume.redirected.map((r) => `${r.node}: ${r.reason} (${kinds[r.access]})`).join('; ')}`;
}
