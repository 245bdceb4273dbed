/**
 * @module cluster/validation: what a cluster validation (Test-Cluster) reports, as the Cluster
 * port returns it: per-category counts, the tests that did not pass with the cluster's words, the
 * result line as the cluster wrote it, where the report is, and the checks the wizard misses.
 */

/** Test-Cluster -List categories (research §1.5). Storage takes disks in use offline. */
export const validationCategories = [
  'Inventory',
  'Network',
  'System Configuration',
  'Hyper-V Configuration',
  'Cluster Configuration',
  'Storage',
] as const;

export type ValidationCategory = (typeof validationCategories)[number];

/** Every category but Storage: what `validate` runs by default. */
export const defaultValidationCategories: readonly ValidationCategory[] = validationCategories.filter((c) => c !== 'Storage');

export type ValidationOutcome = 'passed' | 'warning' | 'failed';

export interface ValidateOptions {
  /** Also run the Storage tests, which take the Cluster Shared Volumes offline while they run. */
  includeStorage?: boolean;
}

export interface ValidationCategoryResult {
  category: string;
  passed: number;
  warnings: number;
  failed: number;
}

/** A test that did not pass. */
export interface ValidationProblem {
  category: string;
  test: string;
  outcome: Exclude<ValidationOutcome, 'passed'>;
  /** What the cluster said about it. */
  message: string;
}

/** A check the validation wizard does not make. */
export type ValidationCheckName = 'netbios-name' | 'persistent-reservation';

export interface ValidationCheck {
  check: ValidationCheckName;
  /** The node or volume checked. */
  subject: string;
  /** false: a problem; true: fine; undefined: could not be checked this time. */
  ok: boolean | undefined;
  message: string;
}

export interface ValidationReport {
  /** Test-Cluster's result line as the cluster wrote it ("HadUnselectedTests, ClusterConditionallyApproved"); undefined if none. */
  result?: string;
  includedStorage: boolean;
  categories: ValidationCategoryResult[];
  problems: ValidationProblem[];
  /** Where the HTML report was written, on the node that ran the validation. */
  reportPath?: string;
  durationMs: number;
  checks: ValidationCheck[];
}

/** NetBIOS names are at most 15 characters; a longer host name is truncated (research §6). */
export const NETBIOS_NAME_LIMIT = 15;
