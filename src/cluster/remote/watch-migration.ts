/**
 * @module cluster/remote/watch-migration: follows a migration by running watch-migration.ps1
 * every pollMs on the injected clock (sooner when the percentages say it is about to end, see
 * poll-schedule), yielding progress when it changes and ending with the outcome, or the
 * ClusterError of a failed or cancelled migration. A migration that finished before the watch
 * began is returned at once, without progress.
 */
import type { Clock } from '../clock.js';
import type { MigrationOutcome, MigrationProgress, MigrationRequest, WatchOptions } from '../cluster.js';
import { assertNever } from '../../remoting/errors.js';
import type { MigrationLedger } from './migration-ledger.js';
import { readSnapshot, type WatchMemory } from './migration-reading.js';
import type { WatchSnapshot } from './schemas.js';
import { nextPollDelay, type PollSample } from './poll-schedule.js';

export interface RemoteWatchDeps {
  readonly clock: Clock;
  readonly ledger: MigrationLedger;
  /** Runs watch-migration.ps1 for the request. */
  poll(request: MigrationRequest, signal?: AbortSignal): Promise<WatchSnapshot>;
  readonly defaultPollMs: number;
  readonly graceMs: number;
}

export async function* watchRemoteMigration(
  deps: RemoteWatchDeps, request: MigrationRequest, options: WatchOptions = {},
): AsyncGenerator<MigrationProgress, MigrationOutcome> {
  const pollMs = Math.max(1, options.pollMs ?? deps.defaultPollMs);
  const { signal } = options;
  signal?.throwIfAborted();
  const memory: WatchMemory = { seenActive: false, quickSeen: false };
  let yielded = false;
  const samples: PollSample[] = [];
  for (;;) {
    const snap = await deps.poll(request, signal);
    const { id } = snap.vm;
    const reading = readSnapshot(snap, memory, {
      request, started: deps.ledger.started(id, snap.target), finished: deps.ledger.finished(id, snap.target),
      now: deps.clock.now(), graceMs: deps.graceMs,
    });
    switch (reading.kind) {
      case 'done':
        deps.ledger.settle(id, snap.target, reading.outcome);
        if (yielded) yield { vm: reading.outcome.vm, phase: 'done', percent: 100 };
        return reading.outcome;
      case 'failed':
        if (reading.ended) deps.ledger.settle(id, snap.target);
        throw reading.error;
      case 'progress':
        // The first look that shows progress and the latest are all the prediction needs.
        if (reading.progress.percent > 0) samples.splice(1, samples.length, { at: deps.clock.now(), percent: reading.progress.percent });
        if (!sameProgress(memory.last, reading.progress)) {
          memory.last = reading.progress;
          yielded = true;
          yield reading.progress;
        }
        break;
      default:
        assertNever(reading);
    }
    await deps.clock.sleep(nextPollDelay(samples, pollMs, deps.clock.now()), signal);
  }
}

function sameProgress(a: MigrationProgress | undefined, b: MigrationProgress): boolean {
  return a !== undefined && a.phase === b.phase && a.percent === b.percent && a.pass === b.pass;
}
