/**
 * @module test helper: starts and stops a PostgreSQL cluster in a folder (initdb, a free
 * loopback port, its unix socket in the folder, fsync off unless asked to be durable). Used by test/support/postgres.ts,
 * the global tear-down and the benches.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface PostgresCluster {
  port: number;
  /** The folder of the data directory, the log and the unix socket. */
  dir: string;
}

/** Debian puts the server's programs in /usr/lib/postgresql/<version>/bin, not on PATH. */
export function postgresBin(program: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, program))) return join(dir, program);
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', program))) return join(root, v, 'bin', program);
  throw new Error(`PostgreSQL's ${program} is not installed; run: apt-get install -y postgresql`);
}

/** PostgreSQL refuses root: under root it runs as nobody, in a folder nobody owns. */
function asServerUser(dir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  chownSync(dir, 65534, 65534);
  return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
}

function run(command: string[], dir: string): void {
  const [file, ...args] = command;
  execFileSync(file!, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `durable`: fsync and synchronous commits on, as in production (the benches); off by default (tests). */
export async function startPostgresCluster(dir: string, o: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const as = asServerUser(dir);
  const data = join(dir, 'data');
  run([...as, postgresBin('initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'], dir);
  const port = await freePort();
  const speed = o.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${speed} -c max_connections=200`;
  run([...as, postgresBin('pg_ctl'), '-D', data, '-l', join(dir, 'postgres.log'), '-o', options, '-w', '-t', '30', 'start'], dir);
  return { port, dir };
}

/** Stops the cluster a run folder holds, if any, and removes the folder. */
export function stopPostgresCluster(dir: string): void {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    try {
      run([...asServerUser(dir), postgresBin('pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'], dir);
    } catch {
      // already stopped
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
