/**
 * @module cli/audit-command: `npm run cli -- audit verify [FILE] [--state STATE_FILE]` walks the
 * audit log's hash chain and names the first line that breaks it (an edit, a deletion, a
 * reordering, a torn line), then compares the log's end with the head the state file recorded,
 * so a log cut short at its end is found too. Exit 0: intact; 1: a problem, named.
 */
import { loadConfig } from '../config/load-config.js';
import type { AuditHead } from '../core/store.js';
import { verifyAuditFile } from '../store/audit-verify.js';
import { databaseUrl, describeDatabase, openPostgresPool } from '../store/postgres/connect.js';
import { verifyPostgresAudit } from '../store/postgres/postgres-audit-verify.js';
import { StateFileError } from '../store/durable-json-file.js';
import { describeWriteFailure } from '../store/file-system.js';
import { readRecordedAuditHead } from '../store/state-head.js';
import { parseFlags, stringFlag } from './args.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

export const auditUsage =
  'npm run cli -- audit verify [FILE] [--state STATE_FILE]   (default: state.auditFile and state.file of the configuration, or its PostgreSQL database when state.postgres is set; with FILE, the state is compared only when --state names it)';

export async function auditCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, { state: { type: 'string' } }, auditUsage);
  const [verb, given, ...extra] = flags.positionals;
  if (verb !== 'verify' || extra.length > 0) throw new CliUsageError(`usage: ${auditUsage}`);
  const configured = given === undefined ? (await loadConfig(io.env as NodeJS.ProcessEnv)).config.state : undefined;
  if (configured?.postgres) return verifyDatabase(configured.postgres.urlEnv, io);
  const file = given ?? configured!.auditFile;
  if (file === 'memory') throw new CliUsageError('this configuration keeps the audit log in memory; name a file: npm run cli -- audit verify FILE');
  const stateFile = stringFlag(flags, 'state') ?? (configured?.file === 'memory' ? undefined : configured?.file);
  let recorded: AuditHead | undefined;
  try {
    recorded = stateFile === undefined ? undefined : await readRecordedAuditHead(stateFile);
  } catch (error) {
    if (!(error instanceof StateFileError)) throw error;
    io.stdout.write(`${file}: not verified: ${error.message}\n`);
    return 1;
  }
  let verdict;
  try {
    verdict = await verifyAuditFile(file, recorded);
  } catch (error) {
    const { errno, reason } = describeReadFailure(error);
    io.stdout.write(`${file}: cannot be read (${reason}, ${errno})\n`);
    return 1;
  }
  if (!verdict.ok) {
    const where = verdict.brokenAt === undefined ? '' : ` at line ${verdict.brokenAt} of ${verdict.lines} read`;
    io.stdout.write(`${file}: BROKEN${where}: ${verdict.reason}\n`);
    return 1;
  }
  const state = stateFile === undefined ? '; no state file to compare its end with' : recorded ? `; ${verdict.note}` : `; the state file ${stateFile} records no head (it is missing, or was written by an older version), so the end was not compared`;
  io.stdout.write(`${file}: ${verdict.count} entries, chain intact (head ${verdict.head.slice(0, 16)}…)${state}\n`);
  return 0;
}

/** The audit table of the configured database, walked in order as a file's lines are. */
async function verifyDatabase(urlEnv: string, io: CliIo): Promise<number> {
  const url = databaseUrl(urlEnv, io.env as NodeJS.ProcessEnv);
  const where = `database ${describeDatabase(url)}`;
  const pool = await openPostgresPool(url, { poolSize: 1, applicationName: 'hyperv-chatops audit verify' });
  try {
    const verdict = await verifyPostgresAudit(pool);
    if (!verdict.ok) {
      io.stdout.write(`${where}: BROKEN at entry ${verdict.brokenAt}: ${verdict.reason}\n`);
      return 1;
    }
    io.stdout.write(`${where}: ${verdict.count} entries, chain intact (head ${verdict.head.slice(0, 16)}…)\n`);
    return 0;
  } finally {
    await pool.end();
  }
}

function describeReadFailure(error: unknown): { errno: string; reason: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { errno: code, reason: 'no such file' };
  if (code === 'EISDIR') return { errno: code, reason: 'it is a folder' };
  return describeWriteFailure(error);
}
