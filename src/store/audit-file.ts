/**
 * @module audit-file: the audit log as append-only JSON Lines. An append costs the same
 * with ten entries or ten million: the file is never read to write.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry, AuditLog } from '../core/audit.js';
import { createSerial } from '../core/serial.js';

export function createFileAuditLog(path: string): AuditLog {
  const serial = createSerial();
  let dirReady = false;
  return {
    append: (entry) =>
      serial(async () => {
        if (!dirReady) {
          await mkdir(dirname(path), { recursive: true });
          dirReady = true;
        }
        await appendFile(path, `${JSON.stringify(entry)}\n`, 'utf8');
      }),
  };
}

/** Keeps entries in memory: product code for tests and the demo. */
export function createMemoryAuditLog(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    append: async (entry) => {
      entries.push(structuredClone(entry));
    },
  };
}
