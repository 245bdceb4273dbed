/**
 * @module cluster/remote/operation-runner: the port RemoteCluster runs its operations through,
 * one cluster script by name with its arguments, whatever carries it: WinRS (the script's text
 * with quoted literal arguments, adapter below) or PSRP (the JEA module's function of the same
 * name, psrp-operations.ts). Either answers with the script's stdout and its warnings, or throws
 * a PowerShellError whose records carry the scripts' HyperVChatOps.* error ids.
 */
import type { ArgumentValue, PowerShellRunner, ProgressRecord } from '../../remoting/powershell/index.js';
import { clusterScriptHelpers, loadClusterScripts, type ClusterScriptName } from '../scripts/index.js';

export interface OperationRunOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /**
   * Each progress record the operation writes, as it comes (PSRP carries them live; over WinRS the
   * invocation silences progress, which powershell.exe would only print as CLIXML at the end).
   */
  readonly onProgress?: (record: ProgressRecord) => void;
}

export interface OperationResult {
  /** The one JSON document the operation prints. */
  readonly stdout: string;
  readonly warnings: readonly string[];
}

export interface ClusterOperationRunner {
  /** How the operations travel, for logs and `cli check`. */
  readonly transport: 'winrs' | 'psrp';
  run(script: ClusterScriptName, args: Readonly<Record<string, ArgumentValue>>, options?: OperationRunOptions): Promise<OperationResult>;
}

/** Over WinRS: each operation is its script's text (after the shared helpers) in a new PowerShell. */
export function createWinrsOperationRunner(powershell: Pick<PowerShellRunner, 'runScript'>): ClusterOperationRunner {
  const scripts = loadClusterScripts();
  return {
    transport: 'winrs',
    run: (script, args, { onProgress: _silenced, ...options } = {}) =>
      powershell.runScript(scripts[script], args, { helpers: clusterScriptHelpers(script), ...options }),
  };
}
