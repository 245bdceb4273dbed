/**
 * @module state-head: the audit chain head a state file recorded, read without the lock and
 * without writing anything (no backup), so `audit verify` can run beside a running bot.
 */
import { readFile } from 'node:fs/promises';
import type { AuditHead } from '../core/store.js';
import { StateFileError } from './durable-json-file.js';
import { stateDocumentSchema } from './state-schema.js';

/** The recorded head; undefined when there is none yet (no state file, or one written before heads were kept). */
export async function readRecordedAuditHead(file: string): Promise<AuditHead | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new StateFileError(file, 'unreadable', [code ?? String(error)]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StateFileError(file, 'not-json', [text.length === 0 ? 'the file is empty' : 'it is not JSON']);
  }
  const parsed = stateDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new StateFileError(file, 'invalid', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`));
  return parsed.data.auditHead;
}
