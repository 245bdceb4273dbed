/**
 * @module slack/paced-lane: one queue of Web API calls sent one at a time, spaced by at
 * least `spacingMs` from the end of the previous call (so the server sees them spaced even
 * when a response was slow). Tasks with a key coalesce while waiting: the latest wins and
 * every caller gets its result. A key can also be held back for `perKeyIntervalMs`.
 */

/** The time source: the system clock in production, the virtual clock in tests. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface PacedLaneOptions {
  clock: PacerClock;
  spacingMs: number;
  /** Minimum time between two calls with the same key (0: none). */
  perKeyIntervalMs?: number;
}

export interface PacedLane {
  enqueue<T>(task: () => Promise<T>, key?: string): Promise<T>;
  /** Tasks waiting, not counting the one in flight. */
  waiting(): number;
  /** True while a task waits or is in flight. */
  busy(): boolean;
  /** Resolves when nothing is waiting or in flight. */
  whenIdle(): Promise<void>;
  /** When the lane last finished a call (or -Infinity). */
  lastActivity(): number;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Entry {
  key: string | undefined;
  task: () => Promise<unknown>;
  waiters: Waiter[];
}

export function createPacedLane(o: PacedLaneOptions): PacedLane {
  const perKey = o.perKeyIntervalMs ?? 0;
  const queue: Entry[] = [];
  const byKey = new Map<string, Entry>();
  const keyDoneAt = new Map<string, number>();
  const idleWaiters: (() => void)[] = [];
  let lastDone = -Infinity;
  let draining = false;

  const readyAt = (e: Entry) => Math.max(lastDone + o.spacingMs, e.key === undefined ? -Infinity : (keyDoneAt.get(e.key) ?? -Infinity) + perKey);

  const forgetOldKeys = (now: number) => {
    if (keyDoneAt.size < 256) return;
    for (const [key, at] of keyDoneAt) if (now - at >= perKey) keyDoneAt.delete(key);
  };

  const runOne = async (entry: Entry) => {
    if (entry.key !== undefined) byKey.delete(entry.key);
    try {
      const value = await entry.task();
      for (const w of entry.waiters) w.resolve(value);
    } catch (error) {
      for (const w of entry.waiters) w.reject(error);
    }
    lastDone = o.clock.now();
    if (entry.key !== undefined && perKey > 0) {
      forgetOldKeys(lastDone);
      keyDoneAt.set(entry.key, lastDone);
    }
  };

  const drain = async () => {
    draining = true;
    try {
      while (queue.length > 0) {
        const now = o.clock.now();
        const index = queue.findIndex((e) => readyAt(e) <= now);
        if (index < 0) {
          const earliest = Math.min(...queue.map(readyAt));
          // Re-check at least every spacing: a new task may be ready sooner than the one we wait for.
          await o.clock.sleep(Math.max(1, Math.min(earliest - now, o.spacingMs > 0 ? o.spacingMs : earliest - now)));
          continue;
        }
        const [entry] = queue.splice(index, 1);
        await runOne(entry!);
      }
    } finally {
      draining = false;
      for (const done of idleWaiters.splice(0)) done();
    }
  };

  return {
    enqueue<T>(task: () => Promise<T>, key?: string): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter = { resolve: resolve as (v: unknown) => void, reject };
        const pending = key === undefined ? undefined : byKey.get(key);
        if (pending) {
          pending.task = task;
          pending.waiters.push(waiter);
          return;
        }
        const entry: Entry = { key, task, waiters: [waiter] };
        queue.push(entry);
        if (key !== undefined) byKey.set(key, entry);
        if (!draining) void drain();
      });
    },
    waiting: () => queue.length,
    busy: () => draining || queue.length > 0,
    whenIdle: () => (!draining && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    lastActivity: () => lastDone,
  };
}
