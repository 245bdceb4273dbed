/**
 * @module psrp/out-of-process-transport: PSRP over a process's standard streams, as `pwsh -s`
 * serves it ([MS-PSRP] messages in the out-of-process packets of PowerShell's
 * OutOfProcessUtils): `<Data Stream='Default' PSGuid='…'>base64</Data>`, `<Command>`,
 * `<Signal>`, `<Close>`, each answered by its `…Ack`. One line per packet.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { EmptyGuid } from './constants.js';
import { PoolBrokenError, PsrpTransportError } from './errors.js';
import type { PsrpTransport } from './transport.js';

export interface OutOfProcessOptions {
  /** The program and its arguments, e.g. `pwsh -NoLogo -NoProfile -s`. */
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Largest fragment blob sent; PowerShell's own client uses 32 KiB. */
  readonly maxFragmentBlob?: number;
  /** How long to wait for an acknowledgement before the transport is considered broken. */
  readonly ackTimeoutMs?: number;
}

const PACKET = /^<(\w+)(?: Stream='(\w+)')? PSGuid='([0-9a-fA-F-]{36})'\s*\/?>(?:([A-Za-z0-9+/=]*)<\/Data>)?\s*$/;

interface Waiter {
  resolve: (chunks: Buffer[]) => void;
  reject: (error: Error) => void;
}

class OutOfProcessTransport implements PsrpTransport {
  readonly maxFragmentBlob: number;
  readonly endpoint: string;
  roundTrips = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queues = new Map<string, Buffer[]>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly acks = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  private broken: PoolBrokenError | undefined;
  private stderr = '';

  constructor(private readonly options: OutOfProcessOptions) {
    this.maxFragmentBlob = options.maxFragmentBlob ?? 32 * 1024;
    this.endpoint = [options.file, ...options.args].join(' ');
    this.child = spawn(options.file, [...options.args], { env: options.env, cwd: options.cwd, stdio: 'pipe' });
    this.child.stdin.on('error', () => undefined);
    this.child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString('utf8')).slice(-2000)));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
    this.child.on('error', (error) => this.fail(`the process could not start (${(error as NodeJS.ErrnoException).code ?? 'error'})`));
    this.child.on('exit', (code, signal) => this.fail(`the PowerShell process exited (${signal ?? `code ${code}`})`));
  }

  isBroken(): boolean {
    return this.broken !== undefined;
  }

  private onLine(line: string): void {
    const m = PACKET.exec(line.trim());
    if (!m) return void (line.trim() && this.fail('the process wrote something that is not a PSRP packet'));
    const [, kind = '', , rawGuid = '', payload] = m;
    const guid = rawGuid.toLowerCase();
    if (kind === 'Data') return this.deliver(guid, Buffer.from(payload ?? '', 'base64'));
    const ack = /^(DataAck|CommandAck|SignalAck|CloseAck)$/.exec(kind);
    if (!ack) return;
    const key = `${kind}:${guid}`;
    this.roundTrips += 1;
    this.acks.get(key)?.resolve();
    this.acks.delete(key);
  }

  private deliver(guid: string, data: Buffer): void {
    const waiter = this.waiters.get(guid);
    if (waiter) {
      this.waiters.delete(guid);
      waiter.resolve([data]);
      return;
    }
    const queue = this.queues.get(guid) ?? [];
    queue.push(data);
    this.queues.set(guid, queue);
  }

  private fail(reason: string): void {
    if (this.broken) return;
    const detail = this.stderr.trim() ? `${reason}: ${this.stderr.trim().split('\n').slice(-1)[0]}` : reason;
    this.broken = new PoolBrokenError(detail, false);
    for (const w of this.waiters.values()) w.reject(this.broken);
    for (const a of this.acks.values()) a.reject(this.broken);
    this.waiters.clear();
    this.acks.clear();
  }

  private async packet(line: string, ackKind: string, guid: string): Promise<void> {
    if (this.broken) throw this.broken;
    const key = `${ackKind}:${guid}`;
    const acked = new Promise<void>((resolve, reject) => this.acks.set(key, { resolve, reject }));
    this.child.stdin.write(`${line}\n`);
    const timeoutMs = this.options.ackTimeoutMs ?? 30000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PsrpTransportError(`no ${ackKind} within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([acked, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async data(guid: string, fragments: readonly Buffer[]): Promise<void> {
    for (const f of fragments) await this.packet(`<Data Stream='Default' PSGuid='${guid}'>${f.toString('base64')}</Data>`, 'DataAck', guid);
  }

  async openPool(_poolId: string, fragments: readonly Buffer[]): Promise<void> {
    await this.data(EmptyGuid, [Buffer.concat(fragments)]);
  }

  sendPool(fragments: readonly Buffer[]): Promise<void> {
    return this.data(EmptyGuid, fragments);
  }

  receive(pipelineId: string | undefined, signal?: AbortSignal): Promise<Buffer[]> {
    const guid = (pipelineId ?? EmptyGuid).toLowerCase();
    const queued = this.queues.get(guid);
    if (queued?.length) {
      this.queues.delete(guid);
      return Promise.resolve(queued);
    }
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<Buffer[]>((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(guid);
        resolve([]);
      };
      if (signal?.aborted) return resolve([]);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = <T>(f: (v: T) => void) => (v: T) => {
        signal?.removeEventListener('abort', onAbort);
        f(v);
      };
      this.waiters.set(guid, { resolve: done(resolve), reject: done(reject) });
    });
  }

  async createPipeline(pipelineId: string, fragments: readonly Buffer[]): Promise<void> {
    const guid = pipelineId.toLowerCase();
    await this.packet(`<Command PSGuid='${guid}' />`, 'CommandAck', guid);
    await this.data(guid, fragments);
  }

  /** More fragments for a pipeline already created (what a WS-Man Send with its CommandId carries). */
  sendPipeline(pipelineId: string, fragments: readonly Buffer[]): Promise<void> {
    return this.data(pipelineId.toLowerCase(), fragments);
  }

  stopPipeline(pipelineId: string): Promise<void> {
    const guid = pipelineId.toLowerCase();
    return this.packet(`<Signal PSGuid='${guid}' />`, 'SignalAck', guid);
  }

  closePipeline(pipelineId: string): Promise<void> {
    const guid = pipelineId.toLowerCase();
    this.queues.delete(guid);
    return this.packet(`<Close PSGuid='${guid}' />`, 'CloseAck', guid);
  }

  async close(): Promise<void> {
    if (!this.broken) {
      await this.packet(`<Close PSGuid='${EmptyGuid}' />`, 'CloseAck', EmptyGuid).catch(() => undefined);
      this.child.stdin.end();
    }
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null || this.child.signalCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  /** For tests of a pool the server dropped: ends the process as a crash would. */
  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** The out-of-process transport, with what a server-side bridge or a fault test also needs. */
export type OutOfProcessPsrpTransport = PsrpTransport & {
  kill(): void;
  sendPipeline(pipelineId: string, fragments: readonly Buffer[]): Promise<void>;
};

/** Starts the process and returns a transport over its standard streams. */
export function createOutOfProcessTransport(options: OutOfProcessOptions): OutOfProcessPsrpTransport {
  return new OutOfProcessTransport(options);
}
