/**
 * @module psrp/pipeline: one pipeline in a runspace pool ([MS-PSRP] 3.1.4.3-3.1.4.9): sends
 * CREATE_PIPELINE, reads output, error, warning, verbose, debug, information and progress
 * records until PIPELINE_STATE says it finished, stops it on cancel or deadline, and closes it.
 */
import { randomUUID } from 'node:crypto';
import type { PsValue } from './clixml/value.js';
import { MessageType, PSInvocationState } from './constants.js';
import { PipelineFailedError, PipelineStoppedError, PipelineTimeoutError, PoolBrokenError } from './errors.js';
import { createPipeline, describeStatements, type PsCommand } from './messages.js';
import {
  readErrorRecord,
  readInformation,
  readInformational,
  readProgress,
  readState,
  type InformationRecord,
  type ProgressRecord,
  type PsErrorRecord,
} from './records.js';
import type { DecodedMessage, RunspacePool } from './runspace-pool.js';

export interface PipelineResult {
  readonly output: PsValue[];
  readonly errors: PsErrorRecord[];
  readonly warnings: string[];
  readonly verbose: string[];
  readonly debug: string[];
  readonly information: InformationRecord[];
  readonly progress: ProgressRecord[];
}

export interface PipelineOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Each progress record as it arrives (for a job's progress thread). */
  readonly onProgress?: (record: ProgressRecord) => void;
  /** Called once CREATE_PIPELINE has been handed to the transport: from then on it may run. */
  readonly onSent?: () => void;
  /** How long a stopped pipeline may take to say so before its pool is closed; 10 s by default. */
  readonly stopGraceMs?: number;
}

const aborted = (signal: AbortSignal) => new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));

const TERMINAL: ReadonlySet<number> = new Set([PSInvocationState.Completed, PSInvocationState.Failed, PSInvocationState.Stopped]);

function collect(result: PipelineResult, m: DecodedMessage, options: PipelineOptions): { state: number; reason?: PsErrorRecord } | undefined {
  switch (m.type) {
    case MessageType.PIPELINE_OUTPUT:
      result.output.push(m.value);
      return undefined;
    case MessageType.ERROR_RECORD:
      result.errors.push(readErrorRecord(m.value));
      return undefined;
    case MessageType.WARNING_RECORD:
      result.warnings.push(readInformational(m.value));
      return undefined;
    case MessageType.VERBOSE_RECORD:
      result.verbose.push(readInformational(m.value));
      return undefined;
    case MessageType.DEBUG_RECORD:
      result.debug.push(readInformational(m.value));
      return undefined;
    case MessageType.INFORMATION_RECORD:
      result.information.push(readInformation(m.value));
      return undefined;
    case MessageType.PROGRESS_RECORD: {
      const record = readProgress(m.value);
      result.progress.push(record);
      options.onProgress?.(record);
      return undefined;
    }
    case MessageType.PIPELINE_STATE:
      return readState(m.value, 'PipelineState');
    default:
      return undefined;
  }
}

/** Runs statements (each a pipeline of commands) and resolves when the server says they finished. */
export async function runPipeline(
  pool: RunspacePool,
  statements: readonly (readonly PsCommand[])[],
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const id = randomUUID();
  const what = describeStatements(statements);
  const result: PipelineResult = { output: [], errors: [], warnings: [], verbose: [], debug: [], information: [], progress: [] };
  const fragments = pool.fragments('CREATE_PIPELINE', id, createPipeline(statements));
  let sent = false;
  const stop = new AbortController();
  const timer = options.timeoutMs ? setTimeout(() => stop.abort('timeout'), options.timeoutMs) : undefined;
  const onAbort = () => stop.abort('cancel');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let grace: AbortSignal | undefined;
  const stopped = () => (stop.signal.reason === 'timeout' ? new PipelineTimeoutError(what, options.timeoutMs ?? 0) : new PipelineStoppedError(what));
  try {
    if (options.signal?.aborted) throw new PipelineStoppedError(what);
    if (pool.transport.isBroken()) throw new PoolBrokenError('the connection was already gone', false);
    const creating = pool.transport.createPipeline(id, fragments);
    sent = true;
    options.onSent?.();
    await creating;
    for (;;) {
      if (stop.signal.aborted && !grace) {
        grace = AbortSignal.timeout(options.stopGraceMs ?? 10000);
        await Promise.race([pool.transport.stopPipeline(id).catch(() => undefined), aborted(grace)]);
      }
      if (grace?.aborted) {
        // The server did not stop it: the pool is not trusted with another command.
        await pool.close().catch(() => undefined);
        throw stopped();
      }
      for (const m of await pool.receive(id, grace ?? stop.signal)) {
        const state = collect(result, m, options);
        if (!state || !TERMINAL.has(state.state)) continue;
        if (state.state === PSInvocationState.Completed) return result;
        if (state.state === PSInvocationState.Failed) throw new PipelineFailedError(what, state.reason?.fullyQualifiedErrorId, state.reason?.message ?? 'no reason given', state.reason, result.errors);
        throw stopped();
      }
    }
  } catch (error) {
    if (error instanceof PoolBrokenError && sent && !error.mayHaveRun) throw new PoolBrokenError(error.reason, true);
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    pool.forget(id);
    if (sent && pool.isOpen) await pool.transport.closePipeline(id).catch(() => undefined);
  }
}
