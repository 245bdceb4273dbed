/**
 * @module test helper: the Go WinRM client (go-winrm-client/main.go on Debian's
 * golang-github-masterzen-winrm-dev), built once per version of main.go into the temp folder.
 * Missing Go or the library is an error with one line saying what to install, never a skip.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('./go-winrm-client/', import.meta.url));
/** Where Debian's golang-*-dev packages put their sources (a GOPATH). */
const debianGopath = '/usr/share/gocode';
export const GO_WINRM_MISSING =
  'the Go WinRM client test needs Go and masterzen/winrm: apt-get install -y golang-go golang-github-masterzen-winrm-dev (.ci/run does)';

export interface GoWinrmRequest {
  readonly host: string;
  readonly port: number;
  readonly https: boolean;
  readonly cacert?: string;
  readonly auth: 'ntlm' | 'basic';
  readonly user: string;
  readonly password: string;
  readonly command: string;
  readonly args?: readonly string[];
}

export interface GoWinrmResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly error?: string;
}

/** Builds the client (or finds it built); throws GO_WINRM_MISSING when Go or the library is not installed. */
export function buildGoWinrmClient(): string {
  const go = ['/usr/bin/go', '/usr/lib/go/bin/go'].find((path) => existsSync(path));
  if (!go || !existsSync(join(debianGopath, 'src', 'github.com', 'masterzen', 'winrm'))) throw new Error(GO_WINRM_MISSING);
  const version = createHash('sha256').update(readFileSync(join(source, 'main.go'))).digest('hex').slice(0, 12);
  const binary = join(tmpdir(), `hyperv-chatops-go-winrm-${version}`);
  if (existsSync(binary)) return binary;
  const env = { ...process.env, GO111MODULE: 'off', GOPATH: debianGopath, GOFLAGS: '', GOCACHE: join(tmpdir(), 'hyperv-chatops-go-cache') };
  execFileSync(go, ['build', '-o', binary, '.'], { cwd: source, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return binary;
}

export function runGoWinrm(binary: string, request: GoWinrmRequest): Promise<GoWinrmResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(binary, [], { timeout: 30_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`go-winrm-client failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as GoWinrmResult),
    );
    child.stdin?.end(JSON.stringify(request));
  });
}
