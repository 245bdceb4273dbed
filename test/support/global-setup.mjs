/**
 * Jest's global set-up: a folder for this test run, where the first suite that needs
 * PostgreSQL starts one cluster that the others reuse (test/support/postgres.ts). Nothing is
 * started here, so a run without such suites costs nothing. The folders of runs that were
 * killed before their tear-down (their jest process is gone) are cleaned up here: their
 * PostgreSQL is stopped and the folder removed.
 */
import process from 'node:process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import globalTeardown from './global-teardown.mjs';

const PREFIX = 'hyperv-chatops-run-';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function sweepAbandonedRuns() {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(tmpdir(), name);
    const owner = join(dir, 'owner.pid');
    if (!existsSync(owner) || alive(Number(readFileSync(owner, 'utf8')))) continue;
    globalTeardown(dir);
  }
}

export default function globalSetup() {
  sweepAbandonedRuns();
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  process.env.HYPERV_CHATOPS_TEST_RUN = dir;
}
