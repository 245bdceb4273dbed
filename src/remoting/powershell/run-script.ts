/**
 * @module remoting/powershell/run-script: runs a script body with literal arguments through a
 * CommandRunner and reads the result. Success is the exit code, not an empty stderr: a non-zero
 * exit is a PowerShellError carrying the decoded error records; error records with exit code 0
 * are kept as warnings.
 */
import type { CommandRunner } from '../command-runner.js';
import { decodeStderrAsync } from './clixml.js';
import { planPowerShellCommand } from './encoded-command.js';
import { PowerShellError, type PowerShellErrorRecord } from './errors.js';
import { buildScriptInvocation } from './invocation.js';
import type { ArgumentValue } from './quote.js';

/** The part of a pino logger this layer uses. Script bodies and argument values are never logged. */
export interface RunScriptLogger {
  debug(obj: object, msg?: string): void;
}

export interface PowerShellRunnerOptions {
  readonly logger?: RunScriptLogger;
  /** Longest command line before the script goes over stdin; default cmd.exe's 8191. */
  readonly maxCommandLine?: number;
}

export interface RunScriptOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Functions the script calls, sent before it in the same invocation (see buildScriptInvocation). */
  readonly helpers?: string;
}

export interface ScriptResult {
  /** stdout decoded as UTF-8 (the shell runs with code page 65001). */
  readonly stdout: string;
  /** Warnings, and error records of a script that still exited 0. */
  readonly warnings: string[];
  readonly verbose: string[];
}

export interface PowerShellRunner {
  runScript(
    scriptBody: string,
    args: Readonly<Record<string, ArgumentValue>>,
    options?: RunScriptOptions,
  ): Promise<ScriptResult>;
}

const MAX_MESSAGE = 2000;

function utf8(bytes: Buffer): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function failureMessage(exitCode: number, records: readonly PowerShellErrorRecord[], text: string): string {
  const first = records[0]?.message || text.trim();
  const detail = first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE)}…` : first;
  return detail || `PowerShell exited with code ${exitCode} and wrote no error`;
}

export function createPowerShellRunner(runner: CommandRunner, options: PowerShellRunnerOptions = {}): PowerShellRunner {
  const { logger, maxCommandLine } = options;
  return {
    async runScript(scriptBody, args, runOptions = {}) {
      // Builds (and refuses bad values) before anything reaches the network.
      const script = buildScriptInvocation(scriptBody, args, runOptions.helpers);
      const command = planPowerShellCommand(script, maxCommandLine === undefined ? {} : { maxCommandLine });
      const via = command.stdin ? 'stdin' : 'encoded-command';
      logger?.debug({ parameters: Object.keys(args), scriptChars: script.length, via }, 'running PowerShell script');
      const result = await runner.run(command.executable, command.args, {
        ...(command.stdin ? { stdin: command.stdin } : {}),
        ...(runOptions.signal ? { signal: runOptions.signal } : {}),
        ...(runOptions.timeoutMs !== undefined ? { timeoutMs: runOptions.timeoutMs } : {}),
      });
      const stderr = await decodeStderrAsync(utf8(result.stderr));
      const records = stderr.errorRecords;
      logger?.debug(
        { exitCode: result.exitCode, stdoutBytes: result.stdout.length, errorRecords: records.length, via },
        'PowerShell script finished',
      );
      if (result.exitCode !== 0) {
        throw new PowerShellError(failureMessage(result.exitCode, records, stderr.text), result.exitCode, records);
      }
      const plain = stderr.text.trim();
      return {
        stdout: utf8(result.stdout),
        warnings: [...stderr.warnings, ...records.map((record) => record.message), ...(plain ? [plain] : [])],
        verbose: [...stderr.verbose],
      };
    },
  };
}
