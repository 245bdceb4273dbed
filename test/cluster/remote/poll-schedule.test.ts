/**
 * Hand-off without waiting: the remote watch looks again just after the end its percentages
 * predict, so a finished migration is seen (and its live-migration slot freed) within a fraction
 * of the poll interval, not up to a whole interval later, and without polling much more often.
 */
import { createMigrationLedger } from '../../../src/cluster/remote/migration-ledger.js';
import { nextPollDelay } from '../../../src/cluster/remote/poll-schedule.js';
import type { WatchSnapshot } from '../../../src/cluster/remote/schemas.js';
import { watchRemoteMigration } from '../../../src/cluster/remote/watch-migration.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';

const POLL_MS = 1000;

/** A live migration of vm1 from node1 to node2 that copies linearly from `start` for `lengthMs`. */
function migrationRig(lengthMs: number) {
  const clock = createVirtualClock();
  const start = clock.now();
  let polls = 0;
  const vm = { name: 'vm1', id: 'id-1', groupState: 'Online', resourceState: 'Online', vmState: 'Running' };
  const poll = async (): Promise<WatchSnapshot> => {
    polls++;
    const elapsed = clock.now() - start;
    if (elapsed >= lengthMs) {
      const lastJob = { host: 'node1', destinationHost: 'node2', jobState: 'Completed', percentComplete: 100, elapsedMs: lengthMs };
      return { vm: { ...vm, ownerNode: 'node2' }, target: 'node2', jobs: [], lastJob, resource: {} } as unknown as WatchSnapshot;
    }
    const percent = Math.floor((elapsed / lengthMs) * 100);
    const job = { host: 'node1', destinationHost: 'node2', jobState: 'Running', percentComplete: percent };
    return { vm: { ...vm, ownerNode: 'node1' }, target: 'node2', jobs: [job], resource: { migrationState: 'DataTransfer', migrationProgress: percent } } as unknown as WatchSnapshot;
  };
  const ledger = createMigrationLedger();
  ledger.start({ vmId: 'id-1', source: 'node1', target: 'node2', type: 'live', at: start });
  const watch = watchRemoteMigration({ clock, ledger, poll, defaultPollMs: POLL_MS, graceMs: 30_000 }, { vm: 'vm1', node: 'node2', type: 'live' });
  return { clock, start, watch, polls: () => polls };
}

test.each([4300, 9_950, 61_500])('a %i ms migration is seen ending within 150 ms, with at most 4 extra looks', async (lengthMs) => {
  const rig = migrationRig(lengthMs);
  let next = await rig.watch.next();
  while (!next.done) next = await rig.watch.next();
  expect(next.value.target).toBe('node2');
  const late = rig.clock.now() - (rig.start + lengthMs);
  expect(late).toBeGreaterThanOrEqual(0);
  expect(late).toBeLessThanOrEqual(150);
  expect(rig.polls()).toBeLessThanOrEqual(Math.ceil(lengthMs / POLL_MS) + 4);
});

test('with nothing to predict from, or a prediction far off, the interval holds; the shortest wait is a tenth of it', () => {
  expect(nextPollDelay([], POLL_MS, 0)).toBe(POLL_MS);
  expect(nextPollDelay([{ at: 0, percent: 10 }], POLL_MS, 500)).toBe(POLL_MS);
  expect(nextPollDelay([{ at: 0, percent: 10 }, { at: 1000, percent: 20 }], POLL_MS, 1000)).toBe(POLL_MS);
  expect(nextPollDelay([{ at: 0, percent: 10 }, { at: 1000, percent: 70 }], POLL_MS, 1000)).toBe(525);
  expect(nextPollDelay([{ at: 0, percent: 10 }, { at: 1000, percent: 99 }], POLL_MS, 1500)).toBe(100);
});
