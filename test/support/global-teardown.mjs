/** Jest's global tear-down: stops the run's PostgreSQL, if a suite started one, and removes the run folder. */
import process from 'node:process';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function pgCtl() {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'pg_ctl'))) return join(dir, 'pg_ctl');
  const root = '/usr/lib/postgresql';
  const v = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)).find((x) => existsSync(join(root, x, 'bin', 'pg_ctl'))) : undefined;
  return v && join(root, v, 'bin', 'pg_ctl');
}

/** Stops the run's PostgreSQL (this run's, or the folder given: an abandoned run's) and removes the folder. */
export default function globalTeardown(folder) {
  const dir = typeof folder === 'string' ? folder : process.env.HYPERV_CHATOPS_TEST_RUN;
  if (!dir) return;
  const data = join(dir, 'data');
  const ctl = pgCtl();
  if (ctl && existsSync(join(data, 'postmaster.pid'))) {
    const as = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
    try {
      const [file, ...args] = [...as, ctl, '-D', data, '-m', 'immediate', '-w', 'stop'];
      execFileSync(file, args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
