/**
 * @module cluster/remote/error-mapping: what a failed script run means for the Cluster port.
 * A PowerShellError with one of the scripts' FullyQualifiedErrorIds maps by id; otherwise a
 * Windows error code in the record (the HRESULT target of CmdletFailed, or one written in a
 * cmdlet's message) maps by the code table; the rest is operation-failed. A code people know gets
 * its explanation with the fix (cluster/windows-errors.ts). Remoting failures are `unreachable`;
 * an abort rethrows the caller's reason.
 */
import { ClusterError, type ClusterErrorCode } from '../errors.js';
import { PowerShellError, QuotingError, type PowerShellErrorRecord } from '../../remoting/powershell/index.js';
import { RemotingError } from '../../remoting/errors.js';
import { clusterErrorCodeForId } from '../scripts/index.js';
import { explainHResults } from '../windows-errors.js';
import { formatHResult, hresultsIn, knownWindowsCode } from './windows-codes.js';

export type ErrorDetails = Readonly<Record<string, string | number>>;

export interface ErrorContext {
  /** The script that ran, e.g. `migrate-vm`. */
  readonly script: string;
  /** Names from the request (vm, node), added to the ClusterError's details. */
  readonly details?: ErrorDetails;
  readonly signal?: AbortSignal | undefined;
}

function fromRecord(record: PowerShellErrorRecord, context: ErrorContext): ClusterError | undefined {
  const code = clusterErrorCodeForId(record.fullyQualifiedErrorId);
  const hresults = hresultsIn(record.targetName, record.message);
  const windows = knownWindowsCode(hresults);
  const details = {
    ...context.details,
    script: context.script,
    ...(record.fullyQualifiedErrorId ? { errorId: record.fullyQualifiedErrorId } : {}),
    ...(hresults[0] !== undefined ? { hresult: formatHResult(hresults[0]) } : {}),
  };
  const explanation = explainHResults(hresults);
  // CmdletFailed is "the cmdlet failed": its HRESULT, when known, says more than the id.
  if (code && code !== 'operation-failed') return new ClusterError(code, record.message, details, explanation);
  if (windows) return new ClusterError(windows.code, record.message, details, explanation);
  if (code) return new ClusterError(code, record.message, details, explanation);
  return undefined;
}

/** A failed run as a ClusterError (first recognised record wins), or operation-failed. */
export function clusterErrorFromPowerShell(error: PowerShellError, context: ErrorContext): ClusterError {
  for (const record of error.errorRecords) {
    const mapped = fromRecord(record, context);
    if (mapped) return mapped;
  }
  const hresults = hresultsIn(error.message);
  const windows = knownWindowsCode(hresults);
  const code: ClusterErrorCode = windows?.code ?? 'operation-failed';
  return new ClusterError(code, error.message, {
    ...context.details,
    script: context.script,
    exitCode: error.exitCode,
    ...(error.fullyQualifiedErrorId ? { errorId: error.fullyQualifiedErrorId } : {}),
  }, explainHResults(hresults));
}

/**
 * What to throw for `error` from a script run: the signal's reason when the caller aborted, a
 * ClusterError for PowerShell, quoting and remoting failures, anything else unchanged.
 */
export function toClusterError(error: unknown, context: ErrorContext): unknown {
  if (context.signal?.aborted) return context.signal.reason;
  if (error instanceof ClusterError) return error;
  if (error instanceof PowerShellError) return clusterErrorFromPowerShell(error, context);
  if (error instanceof QuotingError) {
    return new ClusterError('operation-failed', `a value could not be passed to the ${context.script} script: ${error.message}`,
      { ...context.details, script: context.script, reason: error.code });
  }
  if (error instanceof RemotingError) {
    return new ClusterError('unreachable', error.message, { ...context.details, script: context.script, reason: error.kind });
  }
  return error;
}
