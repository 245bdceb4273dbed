/** @module cli/io: what a CLI command reads and writes, so tests can run it in-process. */
import type { Readable } from 'node:stream';

export interface CliOutput {
  write(chunk: string | Uint8Array): unknown;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks a long-running command to stop (Ctrl-C, SIGTERM). */
  untilInterrupted(): Promise<void>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    untilInterrupted: () =>
      new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
