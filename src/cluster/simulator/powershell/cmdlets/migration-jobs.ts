/**
 * @module simulator/powershell/cmdlets/migration-jobs: a migration as Windows shows it while it
 * runs and after: the VM resource's MigrationState/MigrationProgress/MigrationFailureReason
 * (Learn: virtual-machines-migrationstate), an Msvm_MigrationJob on the source host while a live
 * migration copies memory and for 5 minutes after it ends (TimeBeforeRemoval; Learn:
 * msvm-migrationjob, msvm-concretejob for JobState and ErrorCode), and the VMMS 20417 event with
 * the blackout time that the source logs when a live migration succeeds.
 */
import type { ClusterVm, MigrationPhase } from '../../../cluster.js';
import { failureKinds, type FailureKind } from '../../failure-injection.js';
import type { MigrationRecord, SimulatedMigration } from '../../simulated-cluster.js';
import { sameName, type CmdletContext } from './cmdlet-context.js';

/** Msvm_MigrationJob's TimeBeforeRemoval: 00000000000500.000000:000. */
export const JOB_RETENTION_MS = 5 * 60 * 1000;

const JobState = { running: 4, completed: 7, terminated: 8, exception: 10 } as const;
const JobErrorCode = { none: 0, failed: 32768, outOfMemory: 32778 } as const;
const MigrationState = { none: 0, setup: 1, dataTransfer: 2, move: 3, canceled: 4, failure: 5 } as const;
const CANCELLED_HRESULT = 0x800704c7;
const E_FAIL = 0x80004005;

const liveState: Partial<Record<MigrationPhase, number>> = {
  starting: MigrationState.setup, 'memory-copy': MigrationState.dataTransfer, blackout: MigrationState.move, moving: MigrationState.move,
};

/** The HRESULT of a failure kind (research §3.1), as MigrationFailureReason and in the job's error text. */
function failureHResult(reason: unknown): number | undefined {
  return typeof reason === 'string' && Object.hasOwn(failureKinds, reason) ? failureKinds[reason as FailureKind].hresult : undefined;
}

const hex = (value: number) => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/** The job's error text: Windows' words with the HRESULT, as Hyper-V writes ErrorDescription. */
function errorText(message: string, hresult: number | undefined): string {
  if (hresult === undefined) return message;
  const code = hex(hresult);
  return message.toUpperCase().includes(code.slice(2)) ? message : `${message} (${code})`;
}

function activeFor(ctx: CmdletContext, vm: ClusterVm): SimulatedMigration | undefined {
  return ctx.cluster.migrations().find((m) => m.vm === vm.name);
}

/** The VM resource's migration properties now. */
export async function resourceMigration(ctx: CmdletContext, vm: ClusterVm): Promise<{ state: number; progress: number; failureReason: number }> {
  const active = activeFor(ctx, vm);
  if (active) {
    const state = active.type === 'live' ? liveState[active.phase] ?? MigrationState.none : MigrationState.none;
    return { state, progress: state === MigrationState.none ? 0 : active.percent, failureReason: 0 };
  }
  const records = ctx.cluster.history(vm.name);
  const last = records[records.length - 1];
  if (last?.result.kind === 'failed') {
    return { state: MigrationState.failure, progress: 0, failureReason: (failureHResult(last.result.details.reason) ?? E_FAIL) >>> 0 };
  }
  if (last?.result.kind === 'cancelled') return { state: MigrationState.canceled, progress: 0, failureReason: CANCELLED_HRESULT };
  return { state: MigrationState.none, progress: 0, failureReason: 0 };
}

interface JobData {
  InstanceID: string; JobState: number; PercentComplete: number; StartTime: string; ElapsedMs: number; ErrorCode: number;
  ErrorDescription: string | null; VirtualSystemName: string; DestinationHost: string; MigrationType: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function runningJob(m: SimulatedMigration, vmId: string, now: number): JobData {
  return {
    InstanceID: `migration-${m.id}`, JobState: JobState.running, PercentComplete: m.percent, StartTime: iso(m.startedAt),
    ElapsedMs: now - m.startedAt, ErrorCode: JobErrorCode.none, ErrorDescription: null, VirtualSystemName: vmId.toUpperCase(),
    DestinationHost: m.target, MigrationType: 32768,
  };
}

function finishedJob(record: MigrationRecord): JobData {
  const { result } = record;
  const base = {
    InstanceID: `migration-${record.id}`, StartTime: iso(record.startedAt), ElapsedMs: record.endedAt - record.startedAt,
    VirtualSystemName: record.vmId.toUpperCase(), DestinationHost: record.target, MigrationType: 32768,
  };
  if (result.kind === 'succeeded') return { ...base, JobState: JobState.completed, PercentComplete: 100, ErrorCode: JobErrorCode.none, ErrorDescription: null };
  const percent = typeof result.details.percent === 'number' ? result.details.percent : 0;
  if (result.kind === 'cancelled') {
    return { ...base, JobState: JobState.terminated, PercentComplete: percent, ErrorCode: JobErrorCode.failed, ErrorDescription: result.message };
  }
  const errorCode = result.details.reason === 'not-enough-memory' ? JobErrorCode.outOfMemory : JobErrorCode.failed;
  return { ...base, JobState: JobState.exception, PercentComplete: percent, ErrorCode: errorCode,
    ErrorDescription: errorText(result.message, failureHResult(result.details.reason)) };
}

/** Live migrations of the cluster's VMs, under way and finished, as records. */
async function liveHistory(ctx: CmdletContext): Promise<Array<{ vm: ClusterVm; records: MigrationRecord[]; active?: SimulatedMigration }>> {
  const vms = (await ctx.cluster.listVms()).filter((vm) => vm.clustered);
  return vms.map((vm) => {
    const active = activeFor(ctx, vm);
    return { vm, records: ctx.cluster.history(vm.name).filter((r) => r.type === 'live'), ...(active ? { active } : {}) };
  });
}

/** Msvm_MigrationJob instances on `host`: the live migrations it is the source of, running or finished within 5 minutes. */
export async function migrationJobsOn(ctx: CmdletContext, host: string): Promise<JobData[]> {
  const now = ctx.clock.now();
  const jobs: JobData[] = [];
  for (const { vm, records, active } of await liveHistory(ctx)) {
    for (const record of records) {
      if (sameName(record.source, host) && now - record.endedAt <= JOB_RETENTION_MS) jobs.push(finishedJob(record));
    }
    if (active && active.type === 'live' && active.phase !== 'moving' && sameName(active.source, host)) jobs.push(runningJob(active, vm.id, now));
  }
  return jobs;
}

/** VMMS-Admin 20417 on each source: "…live migrated…" with Parameter0 the VM name, 1 its id, 2 the blackout in seconds. */
export async function blackoutEvents(ctx: CmdletContext, host: string): Promise<Array<{ at: number; vm: string; vmId: string; seconds: number; target: string }>> {
  const events = [];
  for (const { vm, records } of await liveHistory(ctx)) {
    for (const r of records) {
      if (r.result.kind !== 'succeeded' || !sameName(r.source, host)) continue;
      const downtime = r.result.outcome.downtimeMs;
      if (downtime === undefined) continue;
      events.push({ at: r.endedAt, vm: vm.name, vmId: vm.id.toUpperCase(), seconds: downtime / 1000, target: r.target });
    }
  }
  return events;
}
