/**
 * @module validation-report: a cluster validation as chat blocks: the result line as the cluster
 * wrote it, passed/warnings/failures per category, the tests that did not pass with the
 * cluster's words, the checks the wizard misses, and where the HTML report is.
 */
import type { ValidationReport } from '../../src/cluster/cluster.js';
import type { Block, Fact } from '../../src/core/chat.js';
import { duration } from '../../src/core/format.js';
import { someOf } from '../../src/core/pages.js';

/** Test-Cluster ends some messages with two periods ("The test reported some warnings.."): shown with one. */
function sentence(text: string): string {
  return text.replace(/(?<!\.)\.\.$/, '.');
}

/** ✅ no failures or warnings, ⚠️ warnings (or checks to look at), ❌ failures. */
export function verdictOf(report: ValidationReport): string {
  const failed = report.problems.some((p) => p.outcome === 'failed') || report.checks.some((c) => c.ok === false);
  const warned = report.problems.length > 0 || report.checks.some((c) => c.ok === undefined);
  return failed ? '❌ failures' : warned ? '⚠️ warnings' : '✅ passed';
}

export function totals(report: ValidationReport): string {
  const sum = (key: 'passed' | 'warnings' | 'failed') => report.categories.reduce((n, c) => n + c[key], 0);
  return `${sum('passed')} passed, ${sum('warnings')} with warnings, ${sum('failed')} failed`;
}

/** The checks the wizard misses, folded: problems each on a line, the fine ones counted. */
function checkFacts(report: ValidationReport): Fact[] {
  const label = { 'netbios-name': 'NetBIOS name', 'persistent-reservation': 'Persistent reservations' } as const;
  const open = report.checks.filter((c) => c.ok !== true);
  const fine = report.checks.filter((c) => c.ok === true);
  return [
    ...open.map((c) => ({ label: `${label[c.check]}: ${c.subject}`, value: c.message, ...(c.ok === false ? { ok: false } : {}) })),
    ...(fine.length ? [{ label: 'Also checked', value: `${fine.length} fine (${someOf(fine.map((c) => c.subject))})`, ok: true }] : []),
  ];
}

export function validationBlocks(report: ValidationReport, cluster: string): Block[] {
  const problems = report.problems.map((p) => `${p.outcome === 'failed' ? '✗' : '⚠'} ${p.category} - ${p.test}: ${sentence(p.message)}`);
  return [
    { type: 'header', text: `Validation of ${cluster}: ${verdictOf(report)}` },
    { type: 'section', text: `Test result: ${report.result ?? '(the cluster wrote no result line)'} · ${totals(report)} · took ${duration(report.durationMs)}` },
    {
      type: 'table',
      columns: ['Category', 'Passed', 'Warnings', 'Failed'],
      rows: report.categories.map((c) => [c.category, String(c.passed), String(c.warnings), String(c.failed)]),
    },
    ...(problems.length ? [{ type: 'section' as const, text: problems.join('\n') }] : []),
    { type: 'fields', fields: checkFacts(report) },
    {
      type: 'context',
      text: [
        report.reportPath ? `Report: ${report.reportPath} (on the node that ran it).` : 'The cluster did not say where the report is.',
        report.includedStorage ? '' : 'Storage tests were not run: they take the volumes offline (`validate --include storage`, disruptive).',
      ].filter(Boolean).join(' '),
    },
  ];
}
