/**
 * @module psrp/client: a warm runspace pool per endpoint. Commands run as pipelines, at most
 * `maxRunspaces` at a time (the rest wait their turn); a pool the server dropped is reopened
 * on the next command. A command whose CREATE_PIPELINE was already sent is never sent again:
 * if the pool breaks under it, the caller gets PoolBrokenError with `mayHaveRun: true`.
 */
import { PoolBrokenError, PoolClosedError } from './errors.js';
import type { PsCommand } from './messages.js';
import { runPipeline, type PipelineOptions, type PipelineResult } from './pipeline.js';
import { RunspacePool, type RunspacePoolOptions } from './runspace-pool.js';
import type { PsrpTransport } from './transport.js';

export interface PsrpClientOptions extends RunspacePoolOptions {
  /** Opens a new connection (or process) for a pool. */
  readonly connect: () => PsrpTransport | Promise<PsrpTransport>;
}

export interface PsrpClient {
  /** Runs one command (or a pipeline of commands) with named parameters. */
  invoke(command: PsCommand | readonly PsCommand[], options?: PipelineOptions): Promise<PipelineResult>;
  /** Runs statements as one pipeline message (for tests of what a JEA endpoint refuses). */
  invokeStatements(statements: readonly (readonly PsCommand[])[], options?: PipelineOptions): Promise<PipelineResult>;
  /** Opens the pool now instead of on the first command. */
  warm(): Promise<void>;
  readonly stats: { poolsOpened: number; roundTrips: number; running: number; queued: number };
  close(): Promise<void>;
}

/** A counting semaphore: bounded concurrent pipelines, FIFO waiters. */
class Slots {
  private free: number;
  private readonly waiters: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  get queued(): number {
    return this.waiters.length;
  }
  async take(): Promise<void> {
    if (this.free > 0) return void this.free--;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  give(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}

export function createPsrpClient(options: PsrpClientOptions): PsrpClient {
  const slots = new Slots(options.maxRunspaces ?? 1);
  let pool: Promise<RunspacePool> | undefined;
  let closed = false;
  let poolsOpened = 0;
  let pastRoundTrips = 0;
  let running = 0;
  let current: RunspacePool | undefined;

  async function openPool(): Promise<RunspacePool> {
    const transport = await options.connect();
    const p = new RunspacePool(transport, options);
    try {
      await p.open();
    } catch (error) {
      await p.close().catch(() => undefined);
      throw error;
    }
    poolsOpened += 1;
    current = p;
    return p;
  }

  async function currentPool(): Promise<RunspacePool> {
    if (closed) throw new PoolClosedError();
    if (pool) {
      const p = await pool.catch(() => undefined);
      if (p && p.isOpen && !p.transport.isBroken()) return p;
      if (p) await discard(p);
    }
    pool = openPool();
    pool.catch(() => (pool = undefined));
    return pool;
  }

  async function discard(p: RunspacePool): Promise<void> {
    if (current === p) {
      pastRoundTrips += p.transport.roundTrips;
      current = undefined;
    }
    if (pool && (await pool.catch(() => undefined)) === p) pool = undefined;
    await p.close().catch(() => undefined);
  }

  async function invokeStatements(statements: readonly (readonly PsCommand[])[], o: PipelineOptions = {}): Promise<PipelineResult> {
    await slots.take();
    running += 1;
    try {
      for (let attempt = 0; ; attempt++) {
        const p = await currentPool();
        try {
          return await runPipeline(p, statements, o);
        } catch (error) {
          if (!(error instanceof PoolBrokenError)) throw error;
          await discard(p);
          // Never twice: only a command the server cannot have seen is tried on a fresh pool.
          if (error.mayHaveRun || attempt > 0) throw error;
        }
      }
    } finally {
      running -= 1;
      slots.give();
    }
  }

  return {
    invoke: (command, o) => invokeStatements([Array.isArray(command) ? (command as PsCommand[]) : [command as PsCommand]], o),
    invokeStatements,
    async warm() {
      await currentPool();
    },
    get stats() {
      return { poolsOpened, roundTrips: pastRoundTrips + (current?.transport.roundTrips ?? 0), running, queued: slots.queued };
    },
    async close() {
      closed = true;
      const p = await pool?.catch(() => undefined);
      if (p) await discard(p);
    },
  };
}
