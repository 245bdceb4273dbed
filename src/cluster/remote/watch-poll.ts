/**
 * @module cluster/remote/watch-poll: one look at a migration, on the nodes it concerns. The watch
 * runs on the VM's owner (found through the cluster on the first look, then remembered), where a
 * running migration's job lives and the VM's state can be read; when the owner changed under it,
 * the look is taken again on the new owner. Once the VM has left its source, the owner holds no
 * job: the finished one of a live migration is read on the other nodes that are up, each through
 * its own session.
 */
import type { MigrationRequest } from '../cluster.js';
import type { MigrationLedger } from './migration-ledger.js';
import { sameNodeName } from './names.js';
import type { NodeReads } from './node-reads.js';
import type { MigrationJob, WatchSnapshot } from './schemas.js';
import type { ScriptCall } from './script-call.js';

export interface WatchPollDeps {
  readonly run: ScriptCall;
  readonly reads: NodeReads;
  readonly ledger: MigrationLedger;
  migrationArgs(request: MigrationRequest): { Vm: string; Node: string };
}

/** The newest of the finished jobs, by start time. */
function newest(jobs: ReadonlyArray<MigrationJob | undefined>): MigrationJob | undefined {
  let found: MigrationJob | undefined;
  for (const job of jobs) if (job && (!found || (job.startTime ?? 0) > (found.startTime ?? 0))) found = job;
  return found;
}

/** A poll for one watch: it remembers the owner it found between looks. */
export function createWatchPoll(deps: WatchPollDeps): (request: MigrationRequest, signal?: AbortSignal) => Promise<WatchSnapshot> {
  let owner: string | undefined;
  return async (request, signal) => {
    const args = deps.migrationArgs(request);
    const look = (on: string | undefined) => deps.run('watch-migration', args, { on, details: { vm: request.vm, node: request.node }, signal });
    owner ??= (await deps.reads.locateVm(request.vm)).host;
    let snap = await look(owner);
    const moved = owner === undefined || !sameNodeName(snap.vm.ownerNode, owner);
    if (moved && snap.upNodes.some((n) => sameNodeName(n, snap.vm.ownerNode))) {
      owner = snap.vm.ownerNode;
      snap = await look(owner);
    }
    // A quick migration has no Msvm_MigrationJob anywhere: nothing to look for elsewhere.
    if (request.type === 'quick' || snap.jobs.length > 0 || snap.lastJob !== undefined) return snap;
    const others = snap.upNodes.filter((n) => !sameNodeName(n, snap.vm.ownerNode));
    const elsewhere = await deps.reads.onEach(others, (node) => deps.run('get-migration-jobs', { VmId: snap.vm.id, Vm: snap.vm.name }, { on: node, signal }));
    const lastJob = newest(elsewhere.map((r) => r.value.lastJob));
    return { ...snap, jobs: elsewhere.flatMap((r) => r.value.jobs), ...(lastJob ? { lastJob } : {}) };
  };
}
