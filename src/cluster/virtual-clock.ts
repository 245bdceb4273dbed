/**
 * @module virtual-clock: a clock whose time jumps to the next sleeper as soon as the
 * process has nothing else to do, so simulated minutes pass in milliseconds.
 * Product code: tests, benchmarks and rehearsals use it; the order of events is kept.
 */
import type { Clock } from './clock.js';

interface Sleeper {
  due: number;
  seq: number;
  resolve: () => void;
}

export interface VirtualClock extends Clock {
  /** Moves time forward by `ms`, waking every sleeper that falls due, in order. */
  advance(ms: number): Promise<void>;
  /** Sleepers still waiting. */
  pending(): number;
}

export interface VirtualClockOptions {
  start?: number;
  /** Jump to the next sleeper whenever the event loop is idle (default true). */
  auto?: boolean;
}

export function createVirtualClock(options: VirtualClockOptions = {}): VirtualClock {
  let time = options.start ?? Date.UTC(2026, 10, 25, 9, 0, 0);
  const auto = options.auto ?? true;
  let sleepers: Sleeper[] = [];
  let seq = 0;
  let scheduled = false;

  const wakeDue = () => {
    const due = sleepers.filter((s) => s.due <= time).sort((a, b) => a.due - b.due || a.seq - b.seq);
    sleepers = sleepers.filter((s) => s.due > time);
    for (const s of due) s.resolve();
  };

  const schedule = () => {
    if (!auto || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (sleepers.length === 0) return;
      time = Math.max(time, Math.min(...sleepers.map((s) => s.due)));
      wakeDue();
      if (sleepers.length > 0) schedule();
    });
  };

  return {
    now: () => time,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const sleeper: Sleeper = { due: time + Math.max(0, ms), seq: seq++, resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        } };
        const onAbort = () => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        sleepers.push(sleeper);
        schedule();
      });
    },
    async advance(ms) {
      const target = time + ms;
      for (;;) {
        const next = sleepers.filter((s) => s.due <= target).sort((a, b) => a.due - b.due)[0];
        if (!next) break;
        time = next.due;
        wakeDue();
        await new Promise((r) => setImmediate(r));
      }
      time = target;
    },
    pending: () => sleepers.length,
  };
}
