/**
 * @module cli/state-command: `npm run cli -- state migrate --to postgres` moves an installation
 * from the embedded state (the JSON state file and the JSON Lines audit log) into an empty
 * PostgreSQL database: it holds the state file's lock (no bot may run on it), verifies the audit
 * chain against the head the state recorded, copies everything in one transaction (the Teams
 * directory file too, when there is one), and verifies the chain in the database. A database that is not empty is refused, and nothing is copied.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { verifyAuditFile } from '../store/audit-verify.js';
import { stateDocumentSchema } from '../store/state-schema.js';
import { readRecordedAuditHead } from '../store/state-head.js';
import { acquireStateLock } from '../store/state-lock.js';
import type { StateDocument } from '../store/low-store.js';
import { databaseUrl, describeDatabase, openPostgresPool } from '../store/postgres/connect.js';
import { directoryDocumentSchema, type DirectoryDocument } from '../store/postgres/import-directory.js';
import { importState, TargetNotEmptyError } from '../store/postgres/import-state.js';
import { migrate } from '../store/postgres/migrate.js';
import { verifyPostgresAudit } from '../store/postgres/postgres-audit-verify.js';
import { parseFlags, stringFlag } from './args.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

export const stateUsage =
  'npm run cli -- state migrate --to postgres [--from STATE_FILE] [--audit AUDIT_FILE] [--teams-directory FILE] [--url-env NAME]   (default: state.file, state.auditFile, teams.directoryFile (else teams-directory.json beside the state file) and state.postgres.urlEnv of the configuration, else HYPERV_CHATOPS_PG_URL; stop the bot first)';

export async function stateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags(argv, { to: { type: 'string' }, from: { type: 'string' }, audit: { type: 'string' }, 'teams-directory': { type: 'string' }, 'url-env': { type: 'string' } }, stateUsage);
  const [verb, ...extra] = flags.positionals;
  if (verb !== 'migrate' || extra.length > 0) throw new CliUsageError(`usage: ${stateUsage}`);
  if (stringFlag(flags, 'to') !== 'postgres') throw new CliUsageError('--to postgres is the one target (the embedded state is where the bot starts)', stateUsage);
  const env = io.env as NodeJS.ProcessEnv;
  const needsConfig = !stringFlag(flags, 'from') || !stringFlag(flags, 'audit') || !stringFlag(flags, 'url-env');
  const loaded = needsConfig ? (await loadConfig(env)).config : undefined;
  const config = loaded?.state;
  const from = stringFlag(flags, 'from') ?? config!.file;
  const auditFile = stringFlag(flags, 'audit') ?? config!.auditFile;
  const teamsDirectory = stringFlag(flags, 'teams-directory') ?? loaded?.teams?.directoryFile ?? join(dirname(from), 'teams-directory.json');
  const urlEnv = stringFlag(flags, 'url-env') ?? config?.postgres?.urlEnv ?? 'HYPERV_CHATOPS_PG_URL';
  if (from === 'memory' || auditFile === 'memory') throw new CliUsageError('this configuration keeps its state in memory: there is nothing to migrate; name the files with --from and --audit', stateUsage);
  const url = databaseUrl(urlEnv, env);

  const lock = await acquireStateLock(from);
  try {
    const state = await readState(from);
    const hasAudit = existsSync(auditFile);
    if (hasAudit) {
      const verdict = await verifyAuditFile(auditFile, await readRecordedAuditHead(from));
      if (!verdict.ok) {
        io.stdout.write(`${auditFile}: BROKEN: ${verdict.reason}\nNothing was copied: a broken chain would be carried into the database. See docs/audit.md.\n`);
        return 1;
      }
    }
    const pool = await openPostgresPool(url, { poolSize: 2, applicationName: 'hyperv-chatops state migrate' });
    try {
      await migrate(pool);
      const teams = await readDirectory(teamsDirectory);
      const result = await importState(pool, state, hasAudit ? auditFile : undefined, { directories: teams ? [{ platform: 'teams', document: teams }] : [] });
      const check = await verifyPostgresAudit(pool);
      if (!check.ok || check.count !== result.audit) {
        io.stdout.write(`the audit chain in the database does not verify after the copy: ${check.ok ? `${check.count} entries, ${result.audit} expected` : check.reason}\n`);
        return 1;
      }
      const rechained = result.rechained ? ` (${result.rechained} lines from before numbering were chained again)` : '';
      const copiedTeams = result.directories.teams;
      const directory = copiedTeams ? `; from ${teamsDirectory}: ${copiedTeams.conversations} Teams conversations, ${copiedTeams.users} people, ${copiedTeams.cards} cards` : '';
      io.stdout.write(
        `copied into ${describeDatabase(url)}: ${result.requests} requests and jobs (next id ${state.nextRequestId}), ${result.deliveries} delivery keys, ${result.audit} audit entries, chain verified (head ${result.head.slice(0, 16)}…)${rechained}${directory}.\n` +
          `Next: set "state": { "postgres": { "urlEnv": "${urlEnv}" } } in the configuration and start the bot; keep ${from} and ${auditFile} as the record of before.\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof TargetNotEmptyError)) throw error;
      io.stdout.write(`${describeDatabase(url)}: ${error.message}. Nothing was copied.\n`);
      return 1;
    } finally {
      await pool.end();
    }
  } finally {
    await lock.release();
  }
}

/** The Teams adapter's directory file, when there is one. */
async function readDirectory(file: string): Promise<DirectoryDocument | undefined> {
  if (!existsSync(file)) return undefined;
  const parsed = directoryDocumentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new CliUsageError(`${file} is not a Teams directory file the bot wrote: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

async function readState(file: string): Promise<StateDocument> {
  if (!existsSync(file)) return { version: 1, nextRequestId: 1, requests: [], deliveries: {} };
  const parsed = stateDocumentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new CliUsageError(`${file} is not a state file the bot wrote: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data as unknown as StateDocument;
}
