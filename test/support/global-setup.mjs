/**
 * Jest's global set-up: a folder for this test run, where the first suite that needs
 * PostgreSQL starts one cluster that the others reuse (test/support/postgres.ts). Nothing is
 * started here, so a run without such suites costs nothing.
 */
import process from 'node:process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function globalSetup() {
  process.env.HYPERV_CHATOPS_TEST_RUN = mkdtempSync(join(tmpdir(), 'hyperv-chatops-run-'));
}
