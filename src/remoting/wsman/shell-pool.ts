/**
 * @module wsman/shell-pool: reusable shells for one endpoint and credential, at most `maxShells`
 * open at once (kept under the server's MaxShellsPerUser); callers beyond that wait in order.
 * A shell counts against the limit until its Delete has finished.
 */
import { AbortedError, RunnerClosedError } from '../errors.js';

export interface ShellPoolOptions<T> {
  readonly maxShells: number;
  create(signal?: AbortSignal): Promise<T>;
  /** Deletes a shell; must not throw. */
  destroy(item: T): Promise<void>;
}

export interface ShellPool<T> {
  /** An idle shell, a new one if under the limit, or the next one released. */
  acquire(signal?: AbortSignal): Promise<T>;
  /** Returns a healthy shell for reuse. */
  release(item: T): void;
  /** Deletes a shell that must not be reused, then frees its place. */
  discard(item: T): Promise<void>;
  /** Rejects waiters, deletes idle shells now and busy ones when they come back. */
  close(): Promise<void>;
  readonly stats: () => { open: number; idle: number; waiting: number };
}

interface Waiter<T> {
  resolve(item: T): void;
  reject(error: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function createShellPool<T>(options: ShellPoolOptions<T>): ShellPool<T> {
  const idle: T[] = [];
  const waiters: Waiter<T>[] = [];
  const drained: Array<() => void> = [];
  let open = 0;
  let closed = false;

  const forget = (waiter: Waiter<T>) => {
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
  };

  function placeFreed(): void {
    open--;
    if (closed && open === 0) for (const resolve of drained.splice(0)) resolve();
    wakeNext();
  }

  async function createFor(signal?: AbortSignal): Promise<T> {
    open++;
    try {
      return await options.create(signal);
    } catch (error) {
      placeFreed();
      throw error;
    }
  }

  /** A place became free: the first waiter gets to create a shell in it. */
  function wakeNext(): void {
    if (closed || open >= options.maxShells) return;
    const waiter = waiters.shift();
    if (!waiter) return;
    forget(waiter);
    createFor(waiter.signal).then(waiter.resolve, waiter.reject);
  }

  function destroy(item: T): Promise<void> {
    return options.destroy(item).finally(placeFreed);
  }

  return {
    acquire(signal) {
      if (closed) return Promise.reject(new RunnerClosedError());
      if (signal?.aborted) return Promise.reject(new AbortedError());
      const item = idle.pop();
      if (item !== undefined) return Promise.resolve(item);
      if (open < options.maxShells) return createFor(signal);
      return new Promise<T>((resolve, reject) => {
        const waiter: Waiter<T> = { resolve, reject, signal };
        waiter.onAbort = () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(new AbortedError());
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    release(item) {
      if (closed) return void destroy(item);
      const waiter = waiters.shift();
      if (!waiter) return void idle.push(item);
      forget(waiter);
      waiter.resolve(item);
    },
    discard: (item) => destroy(item),
    async close() {
      closed = true;
      for (const waiter of waiters.splice(0)) {
        forget(waiter);
        waiter.reject(new RunnerClosedError());
      }
      const done = new Promise<void>((resolve) => (open === 0 ? resolve() : drained.push(resolve)));
      for (const item of idle.splice(0)) void destroy(item);
      await done;
    },
    stats: () => ({ open, idle: idle.length, waiting: waiters.length }),
  };
}
