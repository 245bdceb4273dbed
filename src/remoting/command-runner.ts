/**
 * @module command-runner: the seam between WinRS (how a command reaches a Windows host)
 * and PowerShell invocation (what command to run and how to read its output).
 */

export interface CommandResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export interface RunOptions {
  /** Bytes written to the command's stdin (sent in chunks under MaxEnvelopeSize), then EOF. */
  stdin?: Buffer;
  signal?: AbortSignal;
  /** Overall deadline for the whole command, polling included. */
  timeoutMs?: number;
}

export interface CommandRunner {
  run(executable: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Deletes open shells; the runner cannot be used afterwards. */
  close(): Promise<void>;
}
