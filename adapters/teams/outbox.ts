/**
 * @module teams/outbox: every send to Teams goes through here. One queue per conversation
 * keeps order and the conversation's rate limits; a shared gate keeps the app's; an update
 * still waiting is replaced by a newer one for the same message (coalescing); throttling
 * and transient failures are retried with exponential backoff and full jitter.
 */
import type { Logger } from '../../src/core/logger.js';
import { createRateGate, type RateGate, type RateLimit } from './rate-gate.js';

export interface OutboxClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, capMs: 30_000 };

export interface OutboxOptions {
  clock: OutboxClock;
  conversationLimits: readonly RateLimit[];
  appLimits: readonly RateLimit[];
  /** undefined: do not retry; otherwise the least wait the server asked for (0 if none). */
  retryable(error: unknown): { afterMs: number } | undefined;
  retry?: RetryPolicy;
  random?: () => number;
  logger: Logger;
  /** Told of each wait before a retry (throttling or a transient failure), for metrics. */
  onRetryWait?: (waitMs: number) => void;
}

export interface EnqueueOptions {
  /** Operations with the same key replace each other while waiting: only the newest runs. */
  coalesce?: string;
}

export interface Outbox {
  enqueue<T>(conversation: string, send: () => Promise<T>, options?: EnqueueOptions): Promise<T>;
  /** Resolves when every queue is empty. */
  idle(): Promise<void>;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Item {
  send: () => Promise<unknown>;
  coalesce?: string;
  waiters: Waiter[];
}

export function createOutbox(o: OutboxOptions): Outbox {
  const retry = o.retry ?? DEFAULT_RETRY;
  const random = o.random ?? Math.random;
  const appGate = createRateGate(o.appLimits);
  const queues = new Map<string, { items: Item[]; gate: RateGate; running: boolean }>();
  const idleWaiters = new Set<() => void>();

  const queueOf = (conversation: string) => {
    let q = queues.get(conversation);
    if (!q) queues.set(conversation, (q = { items: [], gate: createRateGate(o.conversationLimits), running: false }));
    return q;
  };

  const admit = async (gate: RateGate) => {
    for (;;) {
      const wait = Math.max(gate.delay(o.clock.now()), appGate.delay(o.clock.now()));
      if (wait <= 0) break;
      await o.clock.sleep(wait);
    }
    gate.record(o.clock.now());
    appGate.record(o.clock.now());
  };

  const attempt = async (gate: RateGate, item: Item, conversation: string) => {
    for (let n = 1; ; n++) {
      await admit(gate);
      try {
        return await item.send();
      } catch (error) {
        const verdict = o.retryable(error);
        if (!verdict || n >= retry.attempts) throw error;
        const backoff = random() * Math.min(retry.capMs, retry.baseMs * 2 ** (n - 1));
        const wait = Math.max(verdict.afterMs, backoff);
        o.logger.warn({ conversation, attempt: n, waitMs: Math.round(wait) }, 'Teams send throttled or failed; retrying');
        o.onRetryWait?.(wait);
        await o.clock.sleep(wait);
      }
    }
  };

  const drain = async (conversation: string) => {
    const q = queueOf(conversation);
    q.running = true;
    for (let item = q.items.shift(); item; item = q.items.shift()) {
      try {
        const value = await attempt(q.gate, item, conversation);
        for (const w of item.waiters) w.resolve(value);
      } catch (error) {
        for (const w of item.waiters) w.reject(error);
      }
    }
    q.running = false;
    queues.delete(conversation);
    if (queues.size === 0) for (const done of [...idleWaiters]) done();
  };

  return {
    enqueue<T>(conversation: string, send: () => Promise<T>, options: EnqueueOptions = {}) {
      return new Promise<T>((resolve, reject) => {
        const q = queueOf(conversation);
        const waiter = { resolve: resolve as (v: unknown) => void, reject };
        const waiting = options.coalesce ? q.items.find((i) => i.coalesce === options.coalesce) : undefined;
        if (waiting) {
          waiting.send = send;
          waiting.waiters.push(waiter);
        } else {
          q.items.push({ send, coalesce: options.coalesce, waiters: [waiter] });
        }
        if (!q.running) void drain(conversation);
      });
    },
    idle: () =>
      queues.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              idleWaiters.delete(done);
              resolve();
            };
            idleWaiters.add(done);
          }),
  };
}
