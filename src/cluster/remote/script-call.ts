/**
 * @module cluster/remote/script-call: runs one cluster operation by name through the operation
 * runner (WinRS: the script with the shared helpers of prelude.ps1 before it; PSRP: the JEA
 * module's function; values only as arguments either way), logs its warnings, reads its one JSON document with the script's schema, and turns any failure into a
 * ClusterError.
 */
import type { ZodType } from 'zod';
import type { ArgumentValue } from '../../remoting/powershell/index.js';
import type { ClusterScriptName } from '../scripts/index.js';
import type { ClusterOperationRunner, OperationRunOptions } from './operation-runner.js';
import { toClusterError, type ErrorDetails } from './error-mapping.js';
import { parseScriptOutput } from './ps-json.js';
import { scriptSchemas, type ParsedOutputs } from './schemas.js';

/** The part of a pino logger RemoteCluster uses (script warnings, e.g. a node it could not read). */
export interface RemoteClusterLogger {
  warn(obj: object, msg?: string): void;
}

export interface ScriptCallOptions {
  readonly operations: ClusterOperationRunner;
  readonly timeoutMs?: number | undefined;
  readonly logger?: RemoteClusterLogger | undefined;
}

export interface CallContext {
  /** Names from the request, added to a ClusterError's details. */
  readonly details?: ErrorDetails;
  readonly signal?: AbortSignal | undefined;
  /** This run's deadline, when it differs from the usual one (a validation runs for minutes). */
  readonly timeoutMs?: number;
  /** The progress records the operation writes as it runs (over PSRP). */
  readonly onProgress?: OperationRunOptions['onProgress'];
}

export type ScriptCall = <N extends ClusterScriptName>(
  script: N, args: Readonly<Record<string, ArgumentValue>>, context?: CallContext,
) => Promise<ParsedOutputs[N]>;

export function createScriptCall(options: ScriptCallOptions): ScriptCall {
  const { operations, timeoutMs, logger } = options;
  return async (script, args, context = {}) => {
    const { signal } = context;
    const deadline = context.timeoutMs ?? timeoutMs;
    let stdout: string;
    try {
      const result = await operations.run(script, args, {
        ...(signal ? { signal } : {}), ...(deadline !== undefined ? { timeoutMs: deadline } : {}),
        ...(context.onProgress ? { onProgress: context.onProgress } : {}),
      });
      if (result.warnings.length > 0) logger?.warn({ script, warnings: result.warnings }, 'cluster script reported warnings');
      stdout = result.stdout;
    } catch (error) {
      throw toClusterError(error, { script, ...(context.details ? { details: context.details } : {}), signal });
    }
    // Indexing the table by a generic name widens the schema to the union; the table pairs them.
    const schema = scriptSchemas[script] as unknown as ZodType<ParsedOutputs[typeof script]>;
    return parseScriptOutput(script, stdout, schema);
  };
}
