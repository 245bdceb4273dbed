/**
 * @module audited: the order every audited change follows. The entry is written first, and the
 * change is made only once it is: a full disk refuses the change (AuditNotWrittenError) rather
 * than letting it happen unrecorded. If the change's own state write then fails, a `not-saved`
 * entry says that what the first one records did not happen (as far as the disk allows).
 */
import type { AuditEntry, AuditLog } from './audit.js';
import { StateNotSavedError } from './errors.js';
import type { Logger } from './logger.js';

export async function audited<T>(audit: AuditLog, entry: AuditEntry, change: () => Promise<T>, logger: Logger): Promise<T> {
  await audit.append(entry);
  try {
    return await change();
  } catch (error) {
    if (error instanceof StateNotSavedError) {
      await audit
        .append({ ...entry, event: 'not-saved', detail: `the ${entry.event} entry before this one did not happen: its state write failed (${error.reason}, ${error.errno})` })
        .catch((second: unknown) => logger.error({ err: second, requestId: entry.requestId }, 'could not record in the audit log that a change was not saved'));
    }
    throw error;
  }
}
