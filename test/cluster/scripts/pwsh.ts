/** @module test/cluster/scripts/pwsh: runs the pinned PowerShell (found as npm test finds it) and collects what it wrote. */
import { execFile } from 'node:child_process';

interface Tools {
  findPwsh(): { file: string; prefixArgs: readonly string[] } | undefined;
  findPester(): string | undefined;
  INSTALL_HINT: string;
}

export interface PwshResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export async function powershellTools(): Promise<Tools> {
  return (await import('../../../scripts/powershell-tools.mjs' as string)) as Tools;
}

/** `pwsh ARGS`, with `stdin` written to it when given; never rejects for a non-zero exit. */
export async function runPwsh(args: readonly string[], stdin?: Buffer | string): Promise<PwshResult> {
  const tools = await powershellTools();
  const pwsh = tools.findPwsh();
  if (!pwsh) throw new Error(tools.INSTALL_HINT);
  return new Promise((resolve, reject) => {
    const child = execFile(pwsh.file, [...pwsh.prefixArgs, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? undefined : 0;
      if (code === undefined) reject(error ?? new Error('pwsh did not exit'));
      else resolve({ stdout, stderr, exitCode: code });
    });
    child.stdin?.end(stdin ?? '');
  });
}
