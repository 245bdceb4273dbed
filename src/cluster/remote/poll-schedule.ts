/**
 * @module cluster/remote/poll-schedule: when to look at a migration again. Windows tells nothing
 * when a migration ends, so the watch polls; waiting a whole interval after the end would hold the
 * live-migration slot idle for half a poll on average at every hand-off of a drain. From the
 * percentages seen so far the end is predicted, and the next look is taken just after it (never
 * sooner than a tenth of the interval, so a stalled prediction costs a few cheap looks, not a storm).
 */

export interface PollSample {
  /** Clock time of the look. */
  at: number;
  percent: number;
}

/** Looked at this long after the predicted end, to land after it rather than just before. */
const AFTER_END_MS = 25;
/** The shortest wait: a tenth of the interval, and never under this. */
const FLOOR_MS = 50;

export function nextPollDelay(samples: readonly PollSample[], pollMs: number, now: number): number {
  const floor = Math.min(pollMs, Math.max(FLOOR_MS, pollMs / 10));
  const first = samples.find((s) => s.percent > 0);
  const last = samples.at(-1);
  if (!first || !last || last.at <= first.at || last.percent <= first.percent) return pollMs;
  const perMs = (last.percent - first.percent) / (last.at - first.at);
  const untilEnd = (100 - last.percent) / perMs - (now - last.at);
  return Math.round(Math.min(pollMs, Math.max(floor, untilEnd + AFTER_END_MS)));
}
