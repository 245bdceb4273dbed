/**
 * @module simulator/script-host/watch-snapshot: what watch-migration.ps1 would print for the
 * simulated cluster: a running Msvm_MigrationJob for a live migration under way, the newest
 * finished job (kept 5 minutes, like TimeBeforeRemoval), the group's and resource's state as a
 * quick migration takes the VM offline and back, and the resource's MigrationState properties.
 */
import type { Clock } from '../../clock.js';
import type { ClusterVm, MigrationPhase } from '../../cluster.js';
import { ClusterError } from '../../errors.js';
import type { MigrationJobRow, WatchSnapshotRow } from '../../scripts/index.js';
import { failureKinds, type FailureKind } from '../failure-injection.js';
import type { MigrationRecord, SimulatedCluster, SimulatedMigration } from '../simulated-cluster.js';

/** Msvm_MigrationJob's TimeBeforeRemoval: 00000000000500.000000:000. */
export const JOB_RETENTION_MS = 5 * 60 * 1000;

// Msvm_ConcreteJob.JobState and ErrorCode (Learn: msvm-migrationjob, msvm-concretejob)
const JobState = { running: 4, completed: 7, terminated: 8, exception: 10 } as const;
const JobErrorCode = { none: 0, failed: 32768, outOfMemory: 32778 } as const;
// The VM resource's MigrationState (Learn: virtual-machines-migrationstate)
const MigrationState = { none: 0, setup: 1, dataTransfer: 2, move: 3, canceled: 4, failure: 5 } as const;

/** The HRESULT of a failure kind (research §3.1), as MigrationFailureReason and in error text. */
function failureHResult(reason: unknown): number | undefined {
  return typeof reason === 'string' && Object.hasOwn(failureKinds, reason) ? failureKinds[reason as FailureKind].hresult : undefined;
}
const CANCELLED_HRESULT = 0x800704c7;
const E_FAIL = 0x80004005;

const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;

/** DateTime.ToUniversalTime().ToString('o'): seven fractional digits. */
export function isoRoundTrip(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

const liveState: Partial<Record<MigrationPhase, number>> = {
  starting: MigrationState.setup, 'memory-copy': MigrationState.dataTransfer, blackout: MigrationState.move, moving: MigrationState.move,
};

/** Group and resource state for the VM's state (quick migrations show as Saving, Saved, Starting). */
function clusterStates(vm: ClusterVm): { groupState: string; resourceState: string } {
  switch (vm.state) {
    case 'Running': case 'Paused': return { groupState: 'Online', resourceState: 'Online' };
    case 'Off': case 'Saved': return { groupState: 'Offline', resourceState: 'Offline' };
    case 'Saving': case 'Stopping': return { groupState: 'Pending', resourceState: 'OfflinePending' };
    case 'Starting': return { groupState: 'Pending', resourceState: 'OnlinePending' };
    default: return { groupState: 'Unknown', resourceState: 'Unknown' };
  }
}

function runningJob(m: SimulatedMigration, now: number | undefined): MigrationJobRow {
  return {
    host: m.source, destinationHost: m.target, jobState: JobState.running, percentComplete: m.percent,
    startTime: isoRoundTrip(m.startedAt), elapsedMs: now === undefined ? null : now - m.startedAt,
    errorCode: JobErrorCode.none, errorDescription: null, blackoutMs: null, failureEventId: null,
  };
}

/** The job's error text: Windows' words with the HRESULT, as Hyper-V writes ErrorDescription. */
function errorText(message: string, hresult: number | undefined): string {
  if (hresult === undefined) return message;
  const code = hex(hresult);
  return message.toUpperCase().includes(code.slice(2)) ? message : `${message} (${code})`;
}

function finishedJob(record: MigrationRecord, failureEventId: number | null): MigrationJobRow {
  const { result } = record;
  const base = {
    host: record.source, destinationHost: record.target, startTime: isoRoundTrip(record.startedAt),
    elapsedMs: record.endedAt - record.startedAt,
  };
  if (result.kind === 'succeeded') {
    return { ...base, jobState: JobState.completed, percentComplete: 100, errorCode: JobErrorCode.none, errorDescription: null,
      blackoutMs: result.outcome.downtimeMs ?? null, failureEventId: null };
  }
  const percent = typeof result.details.percent === 'number' ? result.details.percent : 0;
  if (result.kind === 'cancelled') {
    return { ...base, jobState: JobState.terminated, percentComplete: percent, errorCode: JobErrorCode.failed,
      errorDescription: result.message, blackoutMs: null, failureEventId: null };
  }
  const hresult = failureHResult(result.details.reason);
  const errorCode = result.details.reason === 'not-enough-memory' ? JobErrorCode.outOfMemory : JobErrorCode.failed;
  return { ...base, jobState: JobState.exception, percentComplete: percent, errorCode,
    errorDescription: errorText(result.message, hresult), blackoutMs: null, failureEventId };
}

function resourceOf(active: SimulatedMigration | undefined, last: MigrationRecord | undefined): WatchSnapshotRow['resource'] {
  if (active) {
    const state = active.type === 'live' ? liveState[active.phase] ?? MigrationState.none : MigrationState.none;
    return { migrationState: state, migrationProgress: state === MigrationState.none ? 0 : active.percent, migrationFailureReason: 0 };
  }
  if (last?.result.kind === 'failed') {
    return { migrationState: MigrationState.failure, migrationProgress: 0,
      migrationFailureReason: failureHResult(last.result.details.reason) ?? E_FAIL };
  }
  if (last?.result.kind === 'cancelled') {
    return { migrationState: MigrationState.canceled, migrationProgress: 0, migrationFailureReason: CANCELLED_HRESULT };
  }
  return { migrationState: MigrationState.none, migrationProgress: 0, migrationFailureReason: 0 };
}

/** 21502 when the source logged that this migration failed (watch-migration.ps1 reads the same event). */
async function failureEvent(cluster: SimulatedCluster, record: MigrationRecord): Promise<number | null> {
  const events = await cluster.recentEvents({ about: record.vm, sinceMs: Number.MAX_SAFE_INTEGER });
  return events.some((e) => e.id === 21502 && e.node === record.source && e.at >= record.startedAt) ? 21502 : null;
}

/** One look at the migration of `vmName` for a watch towards `nodeName`, as watch-migration.ps1 prints it. */
export async function watchSnapshot(cluster: SimulatedCluster, vmName: string, nodeName: string, clock?: Clock): Promise<WatchSnapshotRow> {
  const vm = await cluster.getVm(vmName);
  if (!vm || !vm.clustered) {
    throw new ClusterError('vm-not-found', `no clustered VM named "${vmName}" on ${cluster.name}`, { vm: vmName });
  }
  const target = (await cluster.listNodes()).find((n) => n.name.toLowerCase() === nodeName.toLowerCase());
  if (!target) throw new ClusterError('node-not-found', `no node named "${nodeName}" on ${cluster.name}`, { node: nodeName });
  const now = clock?.now();
  const active = cluster.migrations().find((m) => m.vm === vm.name);
  const records = cluster.history(vm.name);
  const kept = (r: MigrationRecord) => r.type === 'live' && (now === undefined || now - r.endedAt <= JOB_RETENTION_MS);
  const lastJob = [...records].reverse().find(kept);
  const runsAsJob = active?.type === 'live' && active.phase !== 'moving';
  return {
    vm: { name: vm.name, id: vm.id, ownerNode: vm.ownerNode, ...clusterStates(vm), vmState: vm.state },
    target: target.name,
    jobs: active && runsAsJob ? [runningJob(active, now)] : [],
    lastJob: lastJob ? finishedJob(lastJob, lastJob.result.kind === 'failed' ? await failureEvent(cluster, lastJob) : null) : null,
    resource: resourceOf(active, records[records.length - 1]),
  };
}
