/**
 * @module health-cache: /healthz answers from the last check, never from a new one. A request
 * that finds the result older than the refresh interval starts one refresh in the background
 * (at most one in flight, at most one per interval), so a monitor polling every second, or a
 * thousand of them, costs each cluster one call per interval and never waits on it.
 */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface HealthSnapshot {
  healthy: boolean;
  checks: Record<string, string>;
  /** Seconds since the shown results were taken; undefined before the first check ends. */
  ageSeconds: number | undefined;
}

export interface HealthCacheOptions {
  checks: readonly HealthCheck[];
  /**
   * Per check: a cluster that does not answer in time is failing (default 10 s: a check runs
   * list-nodes, one powershell.exe started over WinRS, which takes seconds on a busy node).
   */
  timeoutMs?: number;
  /** The shortest time between two refreshes (default 30 s). */
  refreshMs?: number;
  now?: () => number;
}

export interface HealthCache {
  /** Runs the checks now and waits for them (at start). */
  refresh(): Promise<void>;
  /** The last results; starts a background refresh when they are stale. */
  snapshot(): HealthSnapshot;
}

async function runCheck(c: HealthCheck, timeoutMs: number): Promise<[string, string]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      c.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
        timer.unref();
      }),
    ]);
    return [c.name, 'ok'];
  } catch (error) {
    // Names the kind of failure only: messages may carry hosts or users, not secrets, but stay terse.
    return [c.name, error instanceof Error ? `failing: ${error.name === 'Error' ? error.message : error.name}` : 'failing'];
  } finally {
    clearTimeout(timer);
  }
}

export function createHealthCache(o: HealthCacheOptions): HealthCache {
  const now = o.now ?? Date.now;
  const refreshMs = o.refreshMs ?? 30_000;
  let results: Record<string, string> | undefined;
  let takenAt = 0;
  let startedAt = -Infinity;
  let inFlight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    if (inFlight) return inFlight;
    startedAt = now();
    inFlight = Promise.all(o.checks.map((c) => runCheck(c, o.timeoutMs ?? 10_000)))
      .then((pairs) => {
        results = Object.fromEntries(pairs);
        takenAt = now();
      })
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    refresh,
    snapshot() {
      if (!inFlight && now() - startedAt >= refreshMs) void refresh();
      const checks = results ?? Object.fromEntries(o.checks.map((c) => [c.name, 'not checked yet']));
      return {
        healthy: results !== undefined && Object.values(results).every((v) => v === 'ok'),
        checks,
        ageSeconds: results === undefined ? undefined : Math.max(0, Math.round((now() - takenAt) / 1000)),
      };
    },
  };
}
