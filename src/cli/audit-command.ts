/**
 * @module cli/audit-command: `npm run cli -- audit verify [FILE]` walks the audit log's hash
 * chain and names the first line that breaks it (an edit, a deletion, a reordering).
 */
import { loadConfig } from '../config/load-config.js';
import { verifyAuditFile } from '../store/audit-verify.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

export const auditUsage = 'npm run cli -- audit verify [FILE]   (default: state.auditFile of the configuration)';

export async function auditCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [verb, given, ...extra] = argv;
  if (verb !== 'verify' || extra.length > 0) throw new CliUsageError(`usage: ${auditUsage}`);
  const file = given ?? (await loadConfig(io.env as NodeJS.ProcessEnv)).config.state.auditFile;
  if (file === 'memory') throw new CliUsageError('this configuration keeps the audit log in memory; name a file: npm run cli -- audit verify FILE');
  const verdict = await verifyAuditFile(file);
  if (verdict.ok) {
    io.stdout.write(`${file}: ${verdict.lines} entries, chain intact (head ${verdict.head.slice(0, 16)}…)\n`);
    return 0;
  }
  io.stdout.write(`${file}: BROKEN at line ${verdict.brokenAt} of ${verdict.lines} read: ${verdict.reason}\n`);
  return 1;
}
