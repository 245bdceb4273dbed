/** @module metrics: what the engine counts, as a port; prom-client implements it at the edge. */

export type CommandOutcome = 'accepted' | 'refused' | 'duplicate';
export type ApprovalOutcome = 'approved' | 'denied' | 'cancelled' | 'expired' | 'refused';
export type JobOutcomeKind = 'succeeded' | 'failed' | 'cancelled';

export interface Metrics {
  command(kind: 'command' | 'action', outcome: CommandOutcome): void;
  approval(outcome: ApprovalOutcome): void;
  job(command: string, outcome: JobOutcomeKind, durationMs: number): void;
}

export const noMetrics: Metrics = {
  command: () => undefined,
  approval: () => undefined,
  job: () => undefined,
};
