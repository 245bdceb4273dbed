/**
 * @module winrs-runner: the CommandRunner over WinRS. One endpoint and credential per runner;
 * shells are reused for consecutive commands (Command + Receive + Signal per run, no Create or
 * Delete), at most `maxShellsPerUser` are open at once, a shell that the server lost (or whose
 * operations quota is spent) is replaced and the command tried once more if it had not started,
 * and close() Deletes every shell.
 */
import type { CommandResult, CommandRunner, RunOptions } from './command-runner.js';
import { AbortedError, faultCodeOf, RunnerClosedError, TimeoutError, WmiQuotaError, WSManFaultError } from './errors.js';
import { checkTransportOptions, createTransport, type AuthOptions, type TransportOptions } from './transport/create-transport.js';
import { silentLogger, type RemotingLogger } from './transport/logger.js';
import type { TlsOptions } from './transport/tls.js';
import { createWsmanClient, resolveClientSettings, type WsmanClientSettings } from './wsman/client.js';
import { finishCommand, startCommand, type CleanupReport, type LifecycleOptions } from './wsman/command-lifecycle.js';
import { CleanupIgnorableFaults, ResponseLimits, ShellResetFaults } from './wsman/constants.js';
import { redactCredentials } from './transport/redact-credentials.js';
import { createShell, type ShellOptions, type WinrsShell } from './wsman/shell.js';
import { createShellPool, type ShellPool, type ShellPoolOptions } from './wsman/shell-pool.js';

export interface WinrsRunnerOptions {
  /** `https://node1.example.com:5986/wsman` or `http://node1:5985/wsman`. */
  readonly endpoint: string;
  /** Credentials already read by the caller (from the environment); never logged. */
  readonly auth: AuthOptions;
  readonly tls?: TlsOptions;
  /** OperationTimeout of each request, the Receive long poll included; 20 s. */
  readonly operationTimeoutMs?: number;
  /** HTTP read timeout, above the operation timeout; operation timeout + 10 s. */
  readonly httpReadTimeoutMs?: number;
  /** MaxEnvelopeSize header and the size stdin chunks are cut to fit; 153600. */
  readonly maxEnvelopeSize?: number;
  /** Shells open at once against this endpoint (Windows' MaxShellsPerUser is 30); 5. */
  readonly maxShellsPerUser?: number;
  /** stdout plus stderr of one command, across Receives; beyond it the command is terminated (ResponseLimitError). 8 MiB. */
  readonly maxOutputBytes?: number;
  /** Deadline of a run when the caller gives none; 15 minutes. */
  readonly commandTimeoutMs?: number;
  /** false: Create and Delete a shell around every command (pywinrm's pattern, for comparison). */
  readonly reuseShells?: boolean;
  /** Shell settings; default code page 65001 and no user profile. */
  readonly shell?: ShellOptions;
  readonly locale?: string;
  readonly logger?: RemotingLogger;
  readonly now?: () => number;
  /** Told which scheme authenticated each new connection (negotiate: Kerberos, or NTLM after a fallback). */
  readonly onAuthenticated?: TransportOptions['onAuthenticated'];
}

export const DefaultMaxShellsPerUser = 5;
export const DefaultCommandTimeoutMs = 15 * 60 * 1000;
export const DefaultShellOptions: ShellOptions = { codepage: 65001, noProfile: true };

const isResetFault = (error: unknown) => {
  const code = faultCodeOf(error);
  return code !== undefined && ShellResetFaults.has(code);
};

/** After this error (and a successful Signal) the shell is still good for the next command. */
function shellSurvives(error: unknown): boolean {
  if (error instanceof WSManFaultError || error instanceof WmiQuotaError) return !isResetFault(error);
  return error instanceof AbortedError || (error instanceof TimeoutError && error.phase === 'operation');
}

interface ShellFactoryOptions {
  readonly transport: TransportOptions;
  readonly settings: WsmanClientSettings;
  readonly shell: ShellOptions;
  readonly locale?: string;
  readonly logger: RemotingLogger;
}

/** Create: a new connection (own socket, own NTLM session) and a shell on it. Delete: the reverse. */
function shellFactory(o: ShellFactoryOptions): Omit<ShellPoolOptions<WinrsShell>, 'maxShells'> {
  const endpoint = o.transport.endpoint;
  return {
    async create(signal) {
      const client = createWsmanClient({ ...o.settings, transport: createTransport(o.transport), locale: o.locale, logger: o.logger });
      try {
        const shell = await createShell(client, o.shell, signal);
        o.logger.debug({ endpoint, shellId: shell.id }, 'WinRS shell created');
        return shell;
      } catch (error) {
        client.close();
        throw error;
      }
    },
    async destroy(shell) {
      try {
        await shell.delete();
        o.logger.debug({ endpoint, shellId: shell.id }, 'WinRS shell deleted');
      } catch (error) {
        const code = faultCodeOf(error);
        if (code === undefined || !CleanupIgnorableFaults.has(code)) {
          o.logger.warn({ endpoint, shellId: shell.id, kind: (error as { kind?: string }).kind, code }, 'could not delete a WinRS shell');
        }
      } finally {
        shell.client.close();
      }
    },
  };
}

type Attempt = { readonly result: CommandResult } | { readonly error: unknown; readonly started: boolean };

interface AttemptContext {
  readonly pool: ShellPool<WinrsShell>;
  readonly reuse: boolean;
  readonly endpoint: string;
}

/** A shell from the pool, waiting no longer than the run's deadline. */
async function acquireShell(context: AttemptContext, lifecycle: LifecycleOptions): Promise<WinrsShell> {
  const remaining = lifecycle.deadline - (lifecycle.now ?? Date.now)();
  const deadline = AbortSignal.timeout(Math.max(0, remaining));
  const signal = lifecycle.signal ? AbortSignal.any([lifecycle.signal, deadline]) : deadline;
  try {
    return await context.pool.acquire(signal);
  } catch (error) {
    if (error instanceof AbortedError && !lifecycle.signal?.aborted) {
      throw new TimeoutError('operation', lifecycle.timeoutMs, context.endpoint);
    }
    throw error;
  }
}

/** One try in one shell; the shell goes back to the pool or is thrown away. */
async function attempt(context: AttemptContext, command: readonly [string, readonly string[]], lifecycle: LifecycleOptions): Promise<Attempt> {
  let shell: WinrsShell;
  try {
    shell = await acquireShell(context, lifecycle);
  } catch (error) {
    return { error, started: false };
  }
  const report: CleanupReport = { signalFailed: false };
  let started = false;
  let outcome: Attempt;
  try {
    const commandId = await startCommand(shell, command[0], command[1], lifecycle);
    started = true;
    outcome = { result: await finishCommand(shell, commandId, lifecycle, report) };
  } catch (error) {
    outcome = { error, started };
  }
  const error = 'error' in outcome ? outcome.error : undefined;
  if (context.reuse && !report.signalFailed && (error === undefined || shellSurvives(error))) {
    context.pool.release(shell);
  } else {
    const deleted = context.pool.discard(shell);
    if (!context.reuse && error === undefined) await deleted;
  }
  return outcome;
}

export function createWinrsRunner(options: WinrsRunnerOptions): CommandRunner {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const settings = resolveClientSettings(options);
  const maxResponseBytes = ResponseLimits.maxResponseBytes;
  const transport: TransportOptions = { endpoint: options.endpoint, auth: options.auth, tls: options.tls, maxResponseBytes, logger, ...(options.onAuthenticated ? { onAuthenticated: options.onAuthenticated } : {}) };
  const endpoint = checkTransportOptions(transport).href;
  const maxOutputBytes = options.maxOutputBytes ?? ResponseLimits.maxOutputBytes;
  const reuse = options.reuseShells ?? true;
  const commandTimeoutMs = options.commandTimeoutMs ?? DefaultCommandTimeoutMs;
  const factory = shellFactory({ transport, settings, shell: options.shell ?? DefaultShellOptions, locale: options.locale, logger });
  const pool = createShellPool({ ...factory, maxShells: options.maxShellsPerUser ?? DefaultMaxShellsPerUser });
  const context: AttemptContext = { pool, reuse, endpoint };
  let closed = false;

  async function run(executable: string, args: readonly string[], runOptions: RunOptions = {}): Promise<CommandResult> {
    if (closed) throw new RunnerClosedError();
    const timeoutMs = runOptions.timeoutMs ?? commandTimeoutMs;
    const started = now();
    const lifecycle: LifecycleOptions = { stdin: runOptions.stdin, deadline: started + timeoutMs, timeoutMs, maxOutputBytes, signal: runOptions.signal, now, logger };
    let outcome = await attempt(context, [executable, args], lifecycle);
    // Only a command that never started is tried again: a second run could repeat its effects.
    if ('error' in outcome && !outcome.started && isResetFault(outcome.error)) {
      logger.warn({ endpoint, code: faultCodeOf(outcome.error) }, 'WinRS shell lost; running the command in a new shell');
      outcome = await attempt(context, [executable, args], lifecycle);
    }
    if ('error' in outcome) throw redactCredentials(outcome.error, options.auth);
    logger.debug({ endpoint, executable, args: args.length, exitCode: outcome.result.exitCode, ms: now() - started }, 'remote command done');
    return outcome.result;
  }

  return {
    run,
    async close() {
      closed = true;
      await pool.close();
    },
  };
}
