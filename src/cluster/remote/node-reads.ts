/**
 * @module cluster/remote/node-reads: what the bot reads on each node itself, through its own
 * session to that node, so that no script ever reaches another node (no second hop): the
 * cluster's members (from the entry node, which holds the cluster database like every node), a
 * read run on each node that is up at once (a node that cannot be read is left out, with a
 * warning naming it, while the others answer), and the node that holds a VM.
 */
import { ClusterError } from '../errors.js';
import { sameNodeName } from './names.js';
import type { ParsedOutputs } from './schemas.js';
import type { RemoteClusterLogger, ScriptCall } from './script-call.js';

export type MemberRow = ParsedOutputs['list-nodes'][number];

export interface NodeRead<T> {
  /** The node as the cluster spells it. */
  readonly node: string;
  readonly value: T;
}

/** Where a VM is: the node that holds it (undefined when none could be found), and the nodes that are up. */
export interface VmLocation {
  readonly host: string | undefined;
  readonly upNodes: readonly string[];
}

export interface NodeReads {
  /** The cluster's nodes as the cluster database lists them. */
  members(): Promise<MemberRow[]>;
  /** `read` on each of `nodes` at once; a node that fails is left out with a warning naming it. */
  onEach<T>(nodes: readonly string[], read: (node: string) => Promise<T>): Promise<Array<NodeRead<T>>>;
  /** The node that holds `vm`: its clustered role's owner (when that is not down), else the first node that is up and has it. */
  locateVm(vm: string): Promise<VmLocation>;
}

export const upNodes = (rows: readonly MemberRow[]): string[] => rows.filter((r) => r.state !== 'Down').map((r) => r.name);

export function createNodeReads(run: ScriptCall, logger?: RemoteClusterLogger): NodeReads {
  const onEach: NodeReads['onEach'] = async (nodes, read) => {
    const settled = await Promise.allSettled(nodes.map(async (node) => ({ node, value: await read(node) })));
    const reads: Array<NodeRead<Awaited<ReturnType<typeof read>>>> = [];
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') reads.push(result.value);
      else {
        const reason = result.reason instanceof Error ? result.reason.message : String(result.reason);
        logger?.warn({ node: nodes[index], error: reason, code: result.reason instanceof ClusterError ? result.reason.code : undefined },
          'a node could not be read and is left out');
      }
    });
    return reads;
  };
  return {
    members: () => run('list-nodes', {}),
    onEach,
    async locateVm(vm) {
      const found = await run('find-vm-host', { Vm: vm }, { details: { vm } });
      if (found.owner !== undefined) return { host: found.ownerState === 'Down' ? undefined : found.owner, upNodes: found.upNodes };
      const holders = await onEach(found.upNodes, (node) => run('get-vm', { Name: vm }, { on: node, details: { vm } }));
      const holder = holders.find((h) => h.value.length > 0);
      return { host: holder?.node, upNodes: found.upNodes };
    },
  };
}

/** The member named `name` whatever its case, or undefined. */
export function findMember(rows: readonly MemberRow[], name: string): MemberRow | undefined {
  return rows.find((r) => sameNodeName(r.name, name));
}
