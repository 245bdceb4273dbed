/**
 * @module cluster/remote/script-call: runs one cluster operation by name through the operation
 * runner (WinRS: the script with the shared helpers of prelude.ps1 before it; PSRP: the JEA
 * module's function; values only as arguments either way), on the entry node or, with `on`, on
 * that node through the bot's own session to it; logs its warnings, reads its one JSON document
 * with the script's schema, and turns any failure into a ClusterError (a node that does not
 * answer is `unreachable`, naming the node).
 */
import type { ZodType } from 'zod';
import type { ArgumentValue } from '../../remoting/powershell/index.js';
import type { ClusterScriptName } from '../scripts/index.js';
import type { ClusterOperationRunner, OperationRunOptions } from './operation-runner.js';
import { ClusterError } from '../errors.js';
import { toClusterError, type ErrorDetails } from './error-mapping.js';
import { parseScriptOutput } from './ps-json.js';
import { scriptSchemas, type ParsedOutputs } from './schemas.js';

/** The part of a pino logger RemoteCluster uses (script warnings, e.g. a node it could not read). */
export interface RemoteClusterLogger {
  warn(obj: object, msg?: string): void;
}

export interface ScriptCallOptions {
  /** The session to the configured endpoint (the entry node): reads of the cluster as a whole. */
  readonly operations: ClusterOperationRunner;
  /** The session to one node, by the cluster's name for it; default: the entry's (a one-node cluster). */
  readonly nodes?: ((node: string) => ClusterOperationRunner) | undefined;
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
  /** The node to run it on (through the bot's session to that node); default the entry node. */
  readonly on?: string | undefined;
}

export type ScriptCall = <N extends ClusterScriptName>(
  script: N, args: Readonly<Record<string, ArgumentValue>>, context?: CallContext,
) => Promise<ParsedOutputs[N]>;

export function createScriptCall(options: ScriptCallOptions): ScriptCall {
  const { operations, timeoutMs, logger } = options;
  return async (script, args, context = {}) => {
    const { signal, on } = context;
    const deadline = context.timeoutMs ?? timeoutMs;
    let stdout: string;
    try {
      const runner = on === undefined ? operations : (options.nodes?.(on) ?? operations);
      const result = await runner.run(script, args, {
        ...(signal ? { signal } : {}), ...(deadline !== undefined ? { timeoutMs: deadline } : {}),
        ...(context.onProgress ? { onProgress: context.onProgress } : {}),
      });
      if (result.warnings.length > 0) logger?.warn({ script, ...(on ? { node: on } : {}), warnings: result.warnings }, 'cluster script reported warnings');
      stdout = result.stdout;
    } catch (error) {
      const mapped = toClusterError(error, { script, ...(context.details ? { details: context.details } : {}), signal });
      throw on !== undefined ? namingNode(mapped, on) : mapped;
    }
    // Indexing the table by a generic name widens the schema to the union; the table pairs them.
    const schema = scriptSchemas[script] as unknown as ZodType<ParsedOutputs[typeof script]>;
    return parseScriptOutput(script, stdout, schema);
  };
}

/** A node that did not answer, named: the others may still answer. */
function namingNode(error: unknown, node: string): unknown {
  if (!(error instanceof ClusterError) || error.code !== 'unreachable') return error;
  return new ClusterError('unreachable', `${node} did not answer: ${error.message}`, { ...error.details, unreachableNode: node }, error.explanation);
}
