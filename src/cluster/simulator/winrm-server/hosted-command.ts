/**
 * @module winrm-server/hosted-command: one WinRS command on the server. Stdin arrives in Sends;
 * the command runs through the CommandHost once stdin has ended (or at the first Receive when
 * the client sent none), and Receives take its output in pieces that fit the client's
 * MaxEnvelopeSize until it is all delivered with the exit code.
 */
import type { CommandResult } from '../../../remoting/command-runner.js';
import type { CommandHost } from '../powershell/command-host.js';

export type CommandPhase = 'awaiting-stdin' | 'running' | 'done' | 'failed';

/** What one Receive returns: the next bytes of each stream, and whether that was the end. */
export interface OutputPiece {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  /** All output is in this piece and the next field is the exit code. */
  readonly done: boolean;
  readonly exitCode: number | undefined;
}

export interface HostedCommand {
  readonly id: string;
  phase(): CommandPhase;
  /** One Send: stdin bytes, and whether the client said End. False if stdin had already ended. */
  send(data: Buffer, end: boolean): boolean;
  /** Runs the command now if it has not started and no stdin is pending. */
  startIfIdle(): void;
  /** Resolves true once the command finished (or failed), false after `ms` or on abort. */
  settled(ms: number, signal?: AbortSignal): Promise<boolean>;
  /** The host's failure, if it threw. */
  failure(): unknown;
  /** Takes at most `budget` bytes of output (stdout first), only once the command finished. */
  take(budget: number): OutputPiece;
}

export function createHostedCommand(id: string, host: CommandHost, executable: string, args: readonly string[]): HostedCommand {
  const stdin: Buffer[] = [];
  let sentAny = false;
  let stdinEnded = false;
  let phase: CommandPhase = 'awaiting-stdin';
  let result: CommandResult | undefined;
  let error: unknown;
  let markSettled: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (markSettled = resolve));
  const delivered = { stdout: 0, stderr: 0 };

  function start(): void {
    if (phase !== 'awaiting-stdin') return;
    phase = 'running';
    const input = sentAny ? Buffer.concat(stdin) : undefined;
    stdin.length = 0;
    host.run(executable, args, input).then(
      (r) => ((result = r), (phase = 'done'), markSettled()),
      (e: unknown) => ((error = e), (phase = 'failed'), markSettled()),
    );
  }

  return {
    id,
    phase: () => phase,
    send(data, end) {
      if (stdinEnded || phase !== 'awaiting-stdin') return false;
      sentAny = true;
      stdin.push(Buffer.from(data));
      if (end) {
        stdinEnded = true;
        start();
      }
      return true;
    },
    startIfIdle() {
      if (!sentAny) start();
    },
    settled(ms, signal) {
      if (phase === 'done' || phase === 'failed') return Promise.resolve(true);
      return new Promise((resolve) => {
        const finish = (value: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        };
        const onAbort = () => finish(false);
        const timer = setTimeout(() => finish(false), Math.max(0, ms));
        signal?.addEventListener('abort', onAbort, { once: true });
        void finished.then(() => finish(true));
      });
    },
    failure: () => error,
    take(budget) {
      if (!result) return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), done: false, exitCode: undefined };
      const stdout = result.stdout.subarray(delivered.stdout, delivered.stdout + Math.max(0, budget));
      delivered.stdout += stdout.length;
      const left = budget - stdout.length;
      const stderr = result.stderr.subarray(delivered.stderr, delivered.stderr + Math.max(0, left));
      delivered.stderr += stderr.length;
      const done = delivered.stdout === result.stdout.length && delivered.stderr === result.stderr.length;
      return { stdout, stderr, done, exitCode: done ? result.exitCode : undefined };
    },
  };
}
