/**
 * @module teams/rate-gate: sliding-window rate limits. `delay(now)` says how long to wait so
 * that one more operation stays within every window; `record(now)` counts it.
 */

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface RateGate {
  delay(now: number): number;
  record(now: number): void;
}

export function createRateGate(limits: readonly RateLimit[]): RateGate {
  const longest = Math.max(0, ...limits.map((l) => l.windowMs));
  let stamps: number[] = [];
  const prune = (now: number) => {
    const from = stamps.findIndex((t) => t > now - longest);
    stamps = from < 0 ? [] : stamps.slice(from);
  };
  return {
    delay(now) {
      prune(now);
      let wait = 0;
      for (const { limit, windowMs } of limits) {
        const inWindow = stamps.filter((t) => t > now - windowMs);
        if (inWindow.length < limit) continue;
        // The oldest stamp that must leave the window before one more fits.
        const blocker = inWindow[inWindow.length - limit]!;
        wait = Math.max(wait, blocker + windowMs - now);
      }
      return wait;
    },
    record(now) {
      stamps.push(now);
    },
  };
}
