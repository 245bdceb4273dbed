/**
 * @module simulator/powershell/cmdlets/test-cluster: Test-Cluster on the model. `-List` gives the
 * wizard's tests of the categories asked for (ClusterTestInfo: Category, DisplayName). A run
 * validates the simulated cluster (taking its simulated time) and answers as Test-Cluster reports:
 * one warning per test with a problem, `"<Category> - <Test>: <text>"` (research
 * hyperv-cluster-ops.md 1.5; a failed test's text says so), the `Test Result:` lines, and the
 * report's text, which the PowerShell side writes to -ReportName.htm and returns as a FileInfo.
 * While it runs it writes a progress record per test finished: the category and the percent.
 */
import { validationCategories, type ValidationCategory } from '../../../validation.js';
import { validationTests } from '../../validation-run.js';
import { flag, texts, type CmdletContext } from './cmdlet-context.js';

const isCategory = (name: string): name is ValidationCategory => (validationCategories as readonly string[]).includes(name);

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export async function testCluster(ctx: CmdletContext): Promise<unknown[]> {
  const categories = texts(ctx, 'Include').filter(isCategory);
  if (flag(ctx, 'List')) {
    return categories.flatMap((category) => validationTests[category].map((test) => ({ Category: category, DisplayName: test, Description: test })));
  }
  // Test-Cluster shows its progress as it goes, one record per test finished (shape: see docs/simulator.md).
  const activity = `Validating cluster ${ctx.cluster.name}`;
  const report = await ctx.cluster.validate({
    includeStorage: categories.includes('Storage'),
    onProgress: (p) => ctx.progress({ activity, status: `${p.category} tests`, percent: Math.floor(p.percent) }),
  });
  const warnings = report.problems.map((p) => {
    const said = p.outcome === 'failed' && !/fail/i.test(p.message) ? `The test failed. ${p.message}` : p.message;
    return `${p.category} - ${p.test}: ${said}`;
  });
  const information = report.result === undefined ? [] : [
    'Test Result:',
    report.result,
    'Testing has completed for the tests you selected. You should review the warnings in the Report.',
  ];
  const body = [
    `<html><head><title>Failover Cluster Validation Report</title></head><body>`,
    `<h1>Failover Cluster Validation Report: ${escapeHtml(ctx.cluster.name)}</h1>`,
    ...report.problems.map((p) => `<p>${escapeHtml(p.category)} - ${escapeHtml(p.test)}: ${escapeHtml(p.message)}</p>`),
    `<p>Test Result: ${escapeHtml(report.result ?? '')}</p></body></html>`,
  ].join('\r\n');
  return [{ Warnings: warnings, Information: information, Report: body }];
}
