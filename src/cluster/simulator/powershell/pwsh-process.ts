/**
 * @module simulator/powershell/pwsh-process: one started pwsh, its output collected from the
 * start. `finish` gives it its stdin (or none), closes stdin, and resolves with what it wrote and
 * its exit code once it has exited. A process that outlives the deadline is killed and answers
 * exit code 1 with a line saying so.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { CommandResult } from '../../../remoting/command-runner.js';
import type { PwshCommand } from './find-pwsh.js';

export interface PwshProcess {
  /** The arguments it was started with (PowerShell's own, after the tool's prefix). */
  readonly args: readonly string[];
  /** False once it exited (a warm process that died before use is not used). */
  alive(): boolean;
  finish(stdin: Buffer | undefined, deadlineMs: number): Promise<CommandResult>;
  kill(): void;
}

export interface PwshLaunch {
  readonly pwsh: PwshCommand;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export function startPwsh(launch: PwshLaunch, args: readonly string[]): PwshProcess {
  const child: ChildProcessWithoutNullStreams = spawn(launch.pwsh.file, [...launch.pwsh.prefixArgs, ...args], {
    cwd: launch.cwd, env: launch.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exited = false;
  let spawnError: Error | undefined;
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => undefined); // a pwsh that exited before reading stdin
  const closed = new Promise<number>((resolve) => {
    child.once('error', (error) => ((spawnError = error), (exited = true), resolve(1)));
    child.once('close', (code) => ((exited = true), resolve(code ?? 1)));
  });
  return {
    args,
    alive: () => !exited,
    async finish(input, deadlineMs) {
      if (input && input.length > 0) child.stdin.write(input);
      child.stdin.end();
      let timedOut = false;
      const timer = setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), deadlineMs);
      const code = await closed;
      clearTimeout(timer);
      const notes = [
        ...(spawnError ? [`powershell.exe could not be started: ${spawnError.message}\r\n`] : []),
        ...(timedOut ? [`powershell.exe was stopped after ${deadlineMs} ms\r\n`] : []),
      ];
      return {
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat([...stderr, ...notes.map((n) => Buffer.from(n, 'utf8'))]),
        exitCode: timedOut ? 1 : code,
      };
    },
    kill: () => {
      if (!exited) child.kill('SIGKILL');
    },
  };
}
