/** `npm run cli -- ARGV` in this process, with its output captured: the exit code, stdout, stderr, and both as written. */
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export async function runCliInProcess(argv: readonly string[], o: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const both: string[] = [];
  const writer = (into: string[]) => ({
    write: (c: string | Uint8Array) => {
      const text = Buffer.from(c).toString();
      both.push(text);
      return into.push(text);
    },
  });
  const io: CliIo = {
    stdout: writer(out),
    stderr: writer(err),
    stdin: Readable.from(o.stdin ? [Buffer.from(o.stdin)] : []),
    env: (o.env ?? {}) as Record<string, string>,
    untilInterrupted: async () => undefined,
  };
  const code = await runCli([...argv], io);
  return { code, stdout: out.join(''), stderr: err.join(''), output: both.join('') };
}
