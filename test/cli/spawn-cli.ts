/** @module test helper: `npm run cli -- …` as a child process (node --import tsx src/cli.ts …). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startCli(args: readonly string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
}

/** Runs the CLI to the end, with `input` on its stdin. */
export function runCliProcess(args: readonly string[], env: Record<string, string> = {}, input = ''): Promise<CliRun> {
  const child = startCli(args, env);
  return collect(child, input);
}

export function collect(child: ChildProcessWithoutNullStreams, input = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Waits until the child has printed a line matching `pattern` on stdout; resolves with the match. */
export function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.once('close', (code) => reject(new Error(`the CLI exited (${code}) before printing ${pattern}: ${seen}`)));
  });
}
