import {
  defaultMigrationTiming as timing, elapsedAtPercent, planLiveMigration, planOwnershipMove, planQuickMigration, positionAt,
  type MigrationPlan,
} from '../../src/cluster/simulator/migration-plan.js';

const duration = (plan: MigrationPlan, phase: string) =>
  plan.steps.filter((s) => s.phase === phase).reduce((ms, s) => ms + s.endMs - s.startMs, 0);
const passes = (plan: MigrationPlan) => plan.steps.filter((s) => s.phase === 'memory-copy');

describe('live migration plan', () => {
  const plan = planLiveMigration({ memoryMB: 8192, dirtyMBps: 120 }, timing);

  test('pass 1 copies all memory at the bandwidth; each next pass copies what the guest dirtied meanwhile', () => {
    const [first, second, ...rest] = passes(plan);
    expect(first!.toMB - first!.fromMB).toBe(8192);
    expect(first!.endMs - first!.startMs).toBe(Math.ceil((8192 / timing.bandwidthMBps) * 1000));
    expect(second!.toMB - second!.fromMB).toBeCloseTo((120 * (first!.endMs - first!.startMs)) / 1000, 6);
    expect(rest).toEqual([]);
  });

  test('the blackout copies the small remainder plus the state transfer, and is the only downtime', () => {
    const blackout = plan.steps.find((s) => s.phase === 'blackout')!;
    const remainder = blackout.toMB - blackout.fromMB;
    expect(remainder).toBeLessThan(timing.convergenceThresholdMB);
    expect(plan.downtimeMs).toBe(duration(plan, 'blackout'));
    expect(plan.downtimeMs).toBe(Math.ceil((remainder / timing.bandwidthMBps) * 1000 + timing.stateTransferMs));
    expect(plan.totalMs).toBe(duration(plan, 'starting') + duration(plan, 'memory-copy') + plan.downtimeMs);
  });

  test('a guest that dirties memory faster than the network stops after the maximum passes and still blacks out', () => {
    const hot = planLiveMigration({ memoryMB: 4096, dirtyMBps: 3000 }, timing);
    expect(passes(hot)).toHaveLength(timing.maxPasses);
    const blackout = hot.steps.find((s) => s.phase === 'blackout')!;
    expect(blackout.toMB - blackout.fromMB).toBe(4096);
    expect(hot.downtimeMs).toBeGreaterThan(2000);
  });

  test('an idle guest needs one pass', () => {
    expect(passes(planLiveMigration({ memoryMB: 4096, dirtyMBps: 0 }, timing))).toHaveLength(1);
  });

  test('percent is bytes copied over bytes to copy, never decreasing, 100 only when done', () => {
    const total = plan.totalMB;
    const first = passes(plan)[0]!;
    const half = positionAt(plan, (first.startMs + first.endMs) / 2);
    expect(half).toEqual({ phase: 'memory-copy', pass: 1, percent: Math.floor((4096 / total) * 100) });
    expect(positionAt(plan, 0)).toEqual({ phase: 'starting', percent: 0 });
    expect(positionAt(plan, plan.totalMs - 1).percent).toBe(99);
    expect(positionAt(plan, plan.totalMs)).toEqual({ phase: 'done', percent: 100 });
    let last = -1;
    for (let t = 0; t <= plan.totalMs; t += 37) {
      const p = positionAt(plan, t).percent;
      expect(p).toBeGreaterThanOrEqual(last);
      last = p;
    }
  });

  test('elapsedAtPercent finds the moment a percentage is reached', () => {
    for (const pct of [1, 25, 48, 96, 99]) expect(positionAt(plan, elapsedAtPercent(plan, pct)).percent).toBe(pct);
  });
});

describe('quick migration and ownership move plans', () => {
  test('quick: save at the save rate, a fixed move, restore at the restore rate; all of it downtime', () => {
    const plan = planQuickMigration({ memoryMB: 4096, dirtyMBps: 50 }, timing);
    expect(plan.steps.map((s) => s.phase)).toEqual(['saving', 'moving', 'restoring']);
    expect(duration(plan, 'saving')).toBe((4096 / timing.saveMBps) * 1000);
    expect(duration(plan, 'moving')).toBe(timing.moveMs);
    expect(duration(plan, 'restoring')).toBe((4096 / timing.restoreMBps) * 1000);
    expect(plan.downtimeMs).toBe(plan.totalMs);
  });

  test('a VM that is not running only moves its group: no downtime, progress by time', () => {
    const plan = planOwnershipMove('quick', timing);
    expect(plan.downtimeMs).toBe(0);
    expect(positionAt(plan, plan.totalMs / 2)).toEqual({ phase: 'moving', percent: 50 });
  });
});
