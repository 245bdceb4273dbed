/**
 * @module simulator/powershell/command-host: what runs a WinRS command on the simulator's side.
 * The WinRM server calls `run` once per command (after any stdin has arrived) and sends back
 * stdout, stderr and the exit code; createLocalCommandRunner calls it in-process instead, as a
 * CommandRunner, so that the whole PowerShell path runs without a network.
 */
import type { CommandResult, CommandRunner } from '../../../remoting/command-runner.js';
import { RunnerClosedError } from '../../../remoting/errors.js';

export interface CommandHost {
  /**
   * Runs one command: `executable` and `args` as the WinRS Command carried them (rsp:Command and
   * rsp:Arguments), `stdin` everything sent to its stdin. Never rejects for a bad command: that
   * is answered on stderr with a non-zero exit code, as Windows would.
   */
  run(executable: string, args: readonly string[], stdin?: Buffer): Promise<CommandResult>;
}

/** A CommandRunner that hands every command to `host` in this process. */
export function createLocalCommandRunner(host: CommandHost): CommandRunner {
  let closed = false;
  return {
    async run(executable, args, options) {
      if (closed) throw new RunnerClosedError();
      options?.signal?.throwIfAborted();
      return host.run(executable, args, options?.stdin);
    },
    async close() {
      closed = true;
    },
  };
}
