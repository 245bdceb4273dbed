/**
 * @module wsman/command-lifecycle: one command in a shell: Command, stdin Sends, Receive long
 * polls until CommandState Done (the TimedOut fault means poll again) under an overall deadline,
 * and always a terminate Signal afterwards, even on failure ([MS-WSMV] 3.1.4.14). Output beyond
 * maxOutputBytes (stdout and stderr together) ends the command with a ResponseLimitError.
 */
import { AbortedError, faultCodeOf, ResponseLimitError, TimeoutError, WsmanProtocolError } from '../errors.js';
import { silentLogger, type RemotingLogger } from '../transport/logger.js';
import { CleanupIgnorableFaults, FaultCode, ResponseLimits, StreamName } from './constants.js';
import type { WinrsShell } from './shell.js';

export interface LifecycleOptions {
  readonly stdin?: Buffer;
  /** Epoch ms by which the command must be done; it is then terminated. */
  readonly deadline: number;
  /** The caller's timeout, for the error message. */
  readonly timeoutMs: number;
  /** stdout plus stderr across Receives; beyond it ResponseLimitError (and the command is terminated). */
  readonly maxOutputBytes?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly logger?: RemotingLogger;
}

export interface CommandOutput {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly exitCode: number;
}

/** What happened to the cleanup; a shell whose Signal failed should not be reused. */
export interface CleanupReport {
  signalFailed: boolean;
}

/** Shortest OperationTimeout asked for near the deadline. */
const MIN_POLL_MS = 1000;

function throwIfStopped(shell: WinrsShell, options: LifecycleOptions, now: () => number): void {
  if (options.signal?.aborted) throw new AbortedError();
  if (now() >= options.deadline) throw new TimeoutError('operation', options.timeoutMs, shell.client.url);
}

const sameId = (a: string | undefined, b: string) => a === undefined || a.toLowerCase() === b.toLowerCase();

/** Command: starts `executable` with `args` (each one rsp:Arguments) and returns its CommandId. */
export async function startCommand(
  shell: WinrsShell,
  executable: string,
  args: readonly string[],
  options: LifecycleOptions,
): Promise<string> {
  throwIfStopped(shell, options, options.now ?? Date.now);
  return shell.command(executable, args, { consoleModeStdin: !options.stdin, skipCmdShell: false, signal: options.signal });
}

async function collectOutput(shell: WinrsShell, commandId: string, options: LifecycleOptions): Promise<CommandOutput> {
  const now = options.now ?? Date.now;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const maxOutputBytes = options.maxOutputBytes ?? ResponseLimits.maxOutputBytes;
  let outputBytes = 0;
  for (;;) {
    throwIfStopped(shell, options, now);
    const poll = Math.max(MIN_POLL_MS, Math.min(shell.client.operationTimeoutMs, options.deadline - now()));
    let result;
    try {
      result = await shell.receive(commandId, { operationTimeoutMs: poll, signal: options.signal });
    } catch (error) {
      if (faultCodeOf(error) === FaultCode.operationTimedOut) continue;
      throw error;
    }
    for (const chunk of result.chunks) {
      if (!sameId(chunk.commandId, commandId)) continue;
      outputBytes += chunk.data.length;
      if (outputBytes > maxOutputBytes) throw new ResponseLimitError('output-bytes', maxOutputBytes);
      if (chunk.name === StreamName.stdout) stdout.push(chunk.data);
      else if (chunk.name === StreamName.stderr) stderr.push(chunk.data);
    }
    if (result.state === 'done' && sameId(result.stateCommandId, commandId)) {
      if (result.exitCode === undefined) throw new WsmanProtocolError('the command finished without an exit code');
      return { stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), exitCode: result.exitCode };
    }
  }
}

/** Signal terminate; never aborted by the caller's signal, since it is the cleanup. */
async function terminate(shell: WinrsShell, commandId: string, report: CleanupReport, logger: RemotingLogger) {
  try {
    await shell.signal(commandId, 'terminate');
  } catch (error) {
    const code = faultCodeOf(error);
    if (code !== undefined && CleanupIgnorableFaults.has(code)) return;
    report.signalFailed = true;
    const kind = (error as { kind?: string }).kind ?? 'unknown';
    logger.warn({ shellId: shell.id, commandId, kind, code }, 'could not signal the end of a remote command');
  }
}

/** Sends stdin, polls until done, and always Signals terminate afterwards. */
export async function finishCommand(
  shell: WinrsShell,
  commandId: string,
  options: LifecycleOptions,
  report: CleanupReport = { signalFailed: false },
): Promise<CommandOutput> {
  try {
    if (options.stdin) await shell.sendInput(commandId, options.stdin, options.signal);
    return await collectOutput(shell, commandId, options);
  } finally {
    await terminate(shell, commandId, report, options.logger ?? silentLogger);
  }
}
