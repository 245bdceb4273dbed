/**
 * @module cluster/remote/validation-progress: Test-Cluster's progress records, as PSRP carries
 * them while it runs, read as validation progress: the percent it gives and the category it names
 * (in its status, current operation or activity). A record that names no category, gives no
 * percent, or closes the activity tells nothing; the caller keeps its estimate then.
 */
import type { ProgressRecord } from '../../remoting/powershell/index.js';
import { validationCategories, type ValidationProgress } from '../validation.js';

/** Longest first, so that a name containing another is matched whole. */
const byLength = [...validationCategories].sort((a, b) => b.length - a.length);

export function validationProgressOf(record: ProgressRecord): ValidationProgress | undefined {
  if (record.recordType === 'Completed') return undefined;
  const percent = record.percentComplete;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return undefined;
  const said = [record.statusDescription, record.currentOperation ?? '', record.activity].join('\n').toLowerCase();
  const category = byLength.find((c) => said.includes(c.toLowerCase()));
  return category ? { category, percent } : undefined;
}
