/**
 * @module validate: cluster validation. Two specs, one per risk: `validate` runs every category
 * but Storage and answers as a read; `validate --include storage` also runs the Storage tests,
 * which take every Cluster Shared Volume offline, so it is disruptive and needs approvals. The
 * parser sends `--include` to the spec that takes it.
 */
import { z } from 'zod';
import { estimateValidation } from '../src/cluster/validation.js';
import type { ChangeCommandSpec, CommandContext, ReadCommandSpec } from '../src/core/command-spec.js';
import type { ReadProgress } from '../src/core/slow-reads.js';
import { streamEvents } from '../src/core/event-channel.js';
import { listOf } from '../src/core/format.js';
import { message } from '../src/core/messages.js';
import { explained } from './support/explain.js';
import { totals, validationBlocks, verdictOf } from './support/validation-report.js';

const args = z.object({});
type Args = z.infer<typeof args>;

export const validate: ReadCommandSpec<Args> = {
  name: 'validate',
  summary: 'Validate the cluster (Inventory, Network, System, Hyper-V and Cluster Configuration) plus what the wizard misses.',
  patterns: [{ pattern: 'validate' }, { pattern: 'validate cluster' }],
  args,
  risk: 'read',
  examples: ['validate', 'validate on prod-a', 'validate --include storage'],
  slow: { title: (_args, ctx) => `Validation of ${ctx.clusterName}` },
  async answer(_args, ctx, report = () => undefined) {
    return message(validationBlocks(await validateReporting(ctx, false, report), ctx.clusterName));
  },
};

/** How often an estimate is given while the cluster says nothing. */
const ESTIMATE_EVERY_MS = 5000;

/**
 * Runs the validation, reporting its category and percent: the cluster's own when it tells
 * (the simulator does), otherwise an estimate from the usual length of each category's tests,
 * kept under 100% until the cluster answers.
 */
async function validateReporting(ctx: CommandContext, includeStorage: boolean, report: ReadProgress) {
  const started = ctx.clock.now();
  let told = false;
  const stop = new AbortController();
  const estimate = async () => {
    for (;;) {
      await ctx.clock.sleep(ESTIMATE_EVERY_MS, stop.signal).catch(() => undefined);
      if (stop.signal.aborted || told) return;
      const guess = estimateValidation(ctx.clock.now() - started, includeStorage);
      report(guess.percent, `${guess.category} tests (estimated)`);
    }
  };
  const ticking = estimate();
  try {
    return await ctx.cluster.validate({
      includeStorage,
      onProgress: (p) => {
        told = true;
        report(p.percent, `${p.category} tests`);
      },
    });
  } finally {
    stop.abort();
    await ticking;
  }
}

const storageArgs = z.object({
  include: z.string().transform((s) => s.toLowerCase()).pipe(z.literal('storage', 'only storage can be added; the other categories always run')),
});
type StorageArgs = z.infer<typeof storageArgs>;

export const validateStorage: ChangeCommandSpec<StorageArgs> = {
  name: 'validate storage',
  summary: 'Validate the cluster including the Storage tests, which take every Cluster Shared Volume offline while they run.',
  patterns: [
    { pattern: 'validate', shownAs: 'validate --include storage' },
    { pattern: 'validate cluster', shownAs: 'validate cluster --include storage' },
    { pattern: 'validate storage', set: { include: 'storage' }, alias: true },
  ],
  options: ['include'],
  args: storageArgs,
  risk: 'disruptive',
  examples: ['validate --include storage', 'validate storage --what-if'],

  async preflight(_args, ctx) {
    const [volumes, vms] = await Promise.all([ctx.cluster.listVolumes(), ctx.cluster.listVms()]);
    const running = vms.filter((vm) => vm.state !== 'Off' && vm.state !== 'Saved');
    const names = volumes.map((v) => v.name);
    return {
      summary: `Validate ${ctx.clusterName} with the Storage tests (${names.length} volume${names.length === 1 ? '' : 's'} go offline)`,
      facts: [
        { label: 'Volumes offline', value: names.length ? `${listOf(names)}, for the length of the Storage tests` : 'none (no Cluster Shared Volumes)' },
        {
          label: 'VMs',
          value: running.length
            ? `${running.length} VM${running.length === 1 ? ' is' : 's are'} running (${listOf(running.slice(0, 5).map((v) => v.name))}${running.length > 5 ? ', …' : ''}); shut them down or save them first, their storage goes offline`
            : 'every VM is off or saved',
          ok: running.length === 0,
        },
      ],
      holds: ['cluster:validation', ...names.map((n) => `volume:${n}`)],
    };
  },

  run(_args, ctx) {
    return streamEvents(explained(async (emit) => {
      emit({ kind: 'step', text: 'Running the validation with the Storage tests; the volumes are offline until they end (this takes minutes).' });
      const report = await ctx.cluster.validate({ includeStorage: true });
      for (const block of validationBlocks(report, ctx.clusterName).slice(1)) {
        if (block.type === 'section') emit({ kind: 'step', text: block.text });
      }
      const failed = report.problems.filter((p) => p.outcome === 'failed').length + report.checks.filter((c) => c.ok === false).length;
      return {
        ok: failed === 0,
        summary: `Validation of ${ctx.clusterName} with Storage: ${verdictOf(report)} (${report.result ?? 'no result line'})`,
        facts: [
          { label: 'Tests', value: totals(report) },
          ...report.checks.filter((c) => c.ok === false).map((c) => ({ label: c.subject, value: c.message, ok: false })),
          ...(report.reportPath ? [{ label: 'Report', value: report.reportPath }] : []),
        ],
      };
    }));
  },
};
