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
  /** Called as tests finish, by a cluster that can tell (a remote Test-Cluster answers only at the end). */
  onProgress?: (progress: ValidationProgress) => void;
}

export interface ValidationProgress {
  category: ValidationCategory;
  percent: number;
}

/**
 * How long validation usually takes, to estimate its progress when the cluster says nothing
 * until the end: the wizard's tests per category (Windows Server 2016 and later) and a typical
 * time per test on a small cluster (the Storage tests fail disks over, so they take longer).
 */
export const typicalValidation = {
  tests: { Inventory: 12, Network: 5, 'System Configuration': 7, 'Hyper-V Configuration': 11, 'Cluster Configuration': 9, Storage: 12 },
  testMs: 3000,
  storageTestMs: 20_000,
} as const satisfies { tests: Record<ValidationCategory, number>; testMs: number; storageTestMs: number };

/** Where a validation that began `elapsedMs` ago probably is: the category, and a percent kept under 100 until it ends. */
export function estimateValidation(elapsedMs: number, includeStorage: boolean): ValidationProgress {
  const categories = includeStorage ? validationCategories : defaultValidationCategories;
  const spans = categories.map((c) => ({ category: c, ms: typicalValidation.tests[c] * (c === 'Storage' ? typicalValidation.storageTestMs : typicalValidation.testMs) }));
  const total = spans.reduce((sum, s) => sum + s.ms, 0);
  let at = 0;
  for (const span of spans) {
    if (elapsedMs < at + span.ms) return { category: span.category, percent: Math.min(99, (elapsedMs / total) * 100) };
    at += span.ms;
  }
  return { category: spans.at(-1)!.category, percent: 99 };
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
