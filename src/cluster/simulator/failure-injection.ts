/**
 * @module simulator/failure-injection: failures that tests and rehearsals arm for the next
 * matching migration, as a table: when each strikes (the cluster refuses the move at once, the
 * move fails as it starts, or it fails part way), the Windows code and event it carries, and how
 * it is told. Each Windows error of cluster/windows-errors.ts has a kind here.
 */
import type { KnownWindowsError } from '../windows-errors.js';
import type { MigrationPlan, PlanPosition } from './migration-plan.js';
import { elapsedAtPercent } from './migration-plan.js';
import { assertNever } from './assert-never.js';
import { describeWhen, formatMemory } from './wording.js';

/** Failures of a migration under way. */
export type MigrationFailureKind =
  | 'node-down'
  | 'network-drop'
  | 'not-enough-memory'
  | 'no-system-resources'
  | 'processor-incompatible'
  | 'no-migration-network'
  | 'kerberos-delegation'
  | 'credssp';

/** Failures with which the cluster refuses the move at once (Move-ClusterVirtualMachineRole fails). */
export type RefusalKind = 'not-possible-owner' | 'node-paused' | 'group-not-found';

export type FailureKind = MigrationFailureKind | RefusalKind;

export interface FailureKindInfo {
  strikes: 'at-once' | 'at-start' | 'part-way';
  /** The HRESULT Windows reports (MigrationFailureReason, or the cmdlet's error). */
  hresult: number;
  windows?: KnownWindowsError;
  /** The Hyper-V-High-Availability-Admin event the source logs (research §3.1). */
  eventId?: number;
}

// [MS-ERREF] 2.1 HRESULTs (research §3.1)
export const failureKinds: Readonly<Record<FailureKind, FailureKindInfo>> = {
  'node-down': { strikes: 'part-way', hresult: 0x800713ba },
  'network-drop': { strikes: 'part-way', hresult: 0x80072746 },
  'not-enough-memory': { strikes: 'at-start', hresult: 0x8007000e, windows: 'out-of-memory', eventId: 21502 },
  'no-system-resources': { strikes: 'at-start', hresult: 0x800705aa, windows: 'no-system-resources', eventId: 21502 },
  'processor-incompatible': { strikes: 'at-start', hresult: 0x80004005, windows: 'processor-compatibility', eventId: 21502 },
  'no-migration-network': { strikes: 'at-start', hresult: 0x800713ab, windows: 'no-migration-network', eventId: 21502 },
  'kerberos-delegation': { strikes: 'at-start', hresult: 0x8009030e, windows: 'kerberos-delegation', eventId: 21502 },
  credssp: { strikes: 'at-start', hresult: 0x8009030d, windows: 'credssp', eventId: 21502 },
  'not-possible-owner': { strikes: 'at-once', hresult: 0x80071398, windows: 'not-possible-owner' },
  'node-paused': { strikes: 'at-once', hresult: 0x800713ce, windows: 'node-paused' },
  'group-not-found': { strikes: 'at-once', hresult: 0x80071395, windows: 'group-not-found' },
};

export interface FailureInjection {
  kind: FailureKind;
  /** Only a migration of this VM (default: the next migration of any VM). */
  vm?: string;
  /**
   * node-down: the node that goes down (source or target; default the target). network-drop: a
   * migration from or to this node. Every other kind: the target.
   */
  node?: string;
  /** How far a part-way failure gets (default 50); the others strike at once or as the move starts. */
  atPercent?: number;
}

export interface ScheduledFailure {
  kind: MigrationFailureKind;
  /** The node that goes down or lacks memory (for the others, the target). */
  node: string;
  /** Elapsed time from the migration's start at which it fails. */
  atMs: number;
}

export interface MigrationParties {
  vm: string;
  source: string;
  target: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function isRefusal(kind: FailureKind): kind is RefusalKind {
  return failureKinds[kind].strikes === 'at-once';
}

export type ArmedFailure<K extends FailureKind> = FailureInjection & { kind: K };

/** Removes and returns the first armed refusal that applies to this move. */
export function takeRefusal(armed: FailureInjection[], m: MigrationParties): ArmedFailure<RefusalKind> | undefined {
  return take(armed, m, true) as ArmedFailure<RefusalKind> | undefined;
}

/** Removes and returns the first armed failure of a migration under way that applies to this one. */
export function takeMigrationFailure(armed: FailureInjection[], m: MigrationParties): ArmedFailure<MigrationFailureKind> | undefined {
  return take(armed, m, false) as ArmedFailure<MigrationFailureKind> | undefined;
}

function take(armed: FailureInjection[], m: MigrationParties, refusals: boolean): FailureInjection | undefined {
  const index = armed.findIndex((f) => {
    if (isRefusal(f.kind) !== refusals) return false;
    if (f.vm !== undefined && !same(f.vm, m.vm)) return false;
    if (f.node === undefined) return true;
    const either = f.kind === 'node-down' || f.kind === 'network-drop';
    return either ? same(f.node, m.source) || same(f.node, m.target) : same(f.node, m.target);
  });
  if (index < 0) return undefined;
  return armed.splice(index, 1)[0];
}

/** When, in `plan`, a migration failure strikes, and which node it concerns (canonical names in `m`). */
export function scheduleFailure(f: ArmedFailure<MigrationFailureKind>, plan: MigrationPlan, m: MigrationParties): ScheduledFailure {
  if (failureKinds[f.kind].strikes === 'at-start') {
    const first = plan.steps[0];
    return { kind: f.kind, node: m.target, atMs: first ? Math.floor((first.startMs + first.endMs) / 2) : 0 };
  }
  const node = f.node !== undefined && same(f.node, m.source) ? m.source : m.target;
  return { kind: f.kind, node, atMs: elapsedAtPercent(plan, f.atPercent ?? 50) };
}

/** Plain words, with Windows' own text where Windows has one: "node2 went down during the memory copy (pass 2, 48%); …". */
export function failureMessage(
  failure: Pick<ScheduledFailure, 'kind' | 'node'>,
  m: MigrationParties & { memoryMB: number; running: boolean },
  at: PlanPosition,
): string {
  const stays = m.running ? `${m.vm} is still running on ${m.source}` : `${m.vm} is still on ${m.source}`;
  switch (failure.kind) {
    case 'node-down':
      return same(failure.node, m.source)
        ? `${m.source} went down ${describeWhen(at)}; ${m.vm} stays on ${m.source}, which is down`
        : `${failure.node} went down ${describeWhen(at)}; ${stays}`;
    case 'network-drop':
      return `the network between ${m.source} and ${m.target} dropped ${describeWhen(at)}; ${stays}`;
    case 'not-enough-memory':
      return `${m.target} did not have enough memory to start ${m.vm} (needs ${formatMemory(m.memoryMB)}); ${stays}`;
    case 'no-system-resources':
      return `${m.target} could not create the partition for ${m.vm}: Insufficient system resources exist to complete the requested service. (0x800705AA); ${stays}`;
    case 'processor-incompatible':
      return `${m.vm} is using processor-specific features not supported on host "${m.target}"; ${stays}`;
    case 'no-migration-network':
      return `Failed to get the network address for the destination node "${m.target}": A cluster network isn't available for this operation. (0x000013AB); ${stays}`;
    case 'kerberos-delegation':
      return `${m.source} failed to establish a connection with host ${m.target}: No credentials are available in the security package (0x8009030E); ${stays}`;
    case 'credssp':
      return `${m.source} failed to establish a connection with host ${m.target}: The credentials supplied to the package were not recognized (0x8009030D); ${stays}`;
    default:
      return assertNever(failure.kind);
  }
}

/** What Move-ClusterVirtualMachineRole says when the cluster refuses at once. */
export function refusalMessage(kind: RefusalKind, m: MigrationParties): string {
  switch (kind) {
    case 'not-possible-owner':
      return `The action "Move" did not complete for ${m.vm}: either ${m.target} is not the owner of the group, or it is not a possible owner of the group. (0x80071398)`;
    case 'node-paused':
      return `Move-ClusterVirtualMachineRole failed for ${m.vm}: The cluster node is paused: ${m.target} (0x800713CE)`;
    case 'group-not-found':
      return `Move-ClusterVirtualMachineRole failed: The cluster group could not be found: ${m.vm} (0x80071395)`;
    default:
      return assertNever(kind);
  }
}
