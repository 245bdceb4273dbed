/**
 * @module simulator/failure-injection: failures that tests and rehearsals arm for the next
 * matching migration (a node going down, a network drop, a target short of memory), when in
 * the plan each one strikes, and how it is told to an operator.
 */
import type { MigrationPlan, PlanPosition } from './migration-plan.js';
import { elapsedAtPercent } from './migration-plan.js';
import { assertNever } from './assert-never.js';
import { describeWhen, formatMemory } from './wording.js';

export type FailureKind = 'node-down' | 'network-drop' | 'not-enough-memory';

export interface FailureInjection {
  kind: FailureKind;
  /** Only a migration of this VM (default: the next migration of any VM). */
  vm?: string;
  /**
   * node-down: the node that goes down (source or target; default the target).
   * network-drop: a migration from or to this node. not-enough-memory: the target.
   */
  node?: string;
  /** How far the migration gets before the failure (default 50); not-enough-memory fails at start. */
  atPercent?: number;
}

export interface ScheduledFailure {
  kind: FailureKind;
  /** The node that goes down or lacks memory (for network-drop, the target). */
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

/** Removes and returns the first armed failure that applies to this migration. */
export function takeInjection(armed: FailureInjection[], m: MigrationParties): FailureInjection | undefined {
  const index = armed.findIndex((f) => {
    if (f.vm !== undefined && !same(f.vm, m.vm)) return false;
    if (f.node === undefined) return true;
    return f.kind === 'not-enough-memory' ? same(f.node, m.target) : same(f.node, m.source) || same(f.node, m.target);
  });
  if (index < 0) return undefined;
  return armed.splice(index, 1)[0];
}

/** When, in `plan`, the failure strikes, and which node it concerns (canonical names in `m`). */
export function scheduleFailure(f: FailureInjection, plan: MigrationPlan, m: MigrationParties): ScheduledFailure {
  const node = f.node !== undefined && same(f.node, m.source) ? m.source : m.target;
  if (f.kind === 'not-enough-memory') {
    const first = plan.steps[0];
    return { kind: f.kind, node: m.target, atMs: first ? Math.floor((first.startMs + first.endMs) / 2) : 0 };
  }
  return { kind: f.kind, node, atMs: elapsedAtPercent(plan, f.atPercent ?? 50) };
}

/** Plain words: "node2 went down during the memory copy (pass 2, 48%); vm42 is still running on node1". */
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
    default:
      return assertNever(failure.kind);
  }
}
