/** The outbox on a virtual clock: rate windows, coalescing, backoff with jitter, giving up. */
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { TEAMS_APP_LIMITS, TEAMS_CONVERSATION_LIMITS } from '../../../adapters/teams/constants.js';
import { createOutbox } from '../../../adapters/teams/outbox.js';

class Throttled extends Error {
  constructor(readonly afterMs: number) {
    super('throttled');
  }
}

const setup = (random = () => 1) => {
  const clock = createVirtualClock();
  const outbox = createOutbox({
    clock,
    conversationLimits: TEAMS_CONVERSATION_LIMITS,
    appLimits: TEAMS_APP_LIMITS,
    retryable: (e) => (e instanceof Throttled ? { afterMs: e.afterMs } : undefined),
    retry: { attempts: 4, baseMs: 500, capMs: 30_000 },
    random,
    logger: silentLogger,
  });
  return { clock, outbox };
};

const busiest = (times: number[], ms: number) => Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));

describe('Teams outbox', () => {
  test('70 sends to one conversation: never more than 60 in 30 s, 8 in 2 s or 7 in 1 s', async () => {
    const { clock, outbox } = setup();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 70 }, () => outbox.enqueue('conv', async () => void times.push(clock.now()))));
    expect(times).toHaveLength(70);
    expect(busiest(times, 30_000)).toBe(60);
    expect(busiest(times, 2_000)).toBeLessThanOrEqual(8);
    expect(busiest(times, 1_000)).toBeLessThanOrEqual(7);
  });

  test('conversations have their own queues: one busy conversation does not hold up another', async () => {
    const { clock, outbox } = setup();
    const start = clock.now();
    const busy = Array.from({ length: 30 }, () => outbox.enqueue('busy', async () => clock.now()));
    const other = await outbox.enqueue('quiet', async () => clock.now());
    expect(other - start).toBeLessThan(1000);
    expect(Math.max(...(await Promise.all(busy))) - start).toBeGreaterThanOrEqual(6000);
  });

  test('updates waiting for the same message coalesce: only the newest is sent, every caller resolves', async () => {
    const { outbox } = setup();
    const sent: string[] = [];
    let started!: () => void;
    const sending = new Promise<void>((r) => (started = r));
    let release!: () => void;
    const first = outbox.enqueue('conv', () => {
      started();
      return new Promise<void>((r) => (release = () => r(void sent.push('post'))));
    });
    const updates = ['10%', '20%', '30%'].map((p) => outbox.enqueue('conv', async () => void sent.push(p), { coalesce: 'update:m1' }));
    const other = outbox.enqueue('conv', async () => void sent.push('other message'), { coalesce: 'update:m2' });
    await sending;
    release();
    await Promise.all([first, ...updates, other]);
    expect(sent).toEqual(['post', '30%', 'other message']);
  });

  test('retries wait at least what the server asked and back off exponentially, with jitter', async () => {
    const { clock, outbox } = setup(() => 1);
    const attempts: number[] = [];
    const value = await outbox.enqueue('conv', async () => {
      attempts.push(clock.now());
      if (attempts.length === 1) throw new Throttled(3000);
      if (attempts.length < 4) throw new Throttled(0);
      return 'delivered';
    });
    expect(value).toBe('delivered');
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps).toEqual([3000, 1000, 2000]);

    const jittered = setup(() => 0.25);
    const times: number[] = [];
    await jittered.outbox.enqueue('conv', async () => {
      times.push(jittered.clock.now());
      if (times.length < 3) throw new Throttled(0);
    });
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([125, 250]);
  });

  test('gives up after the last attempt and on errors that are not retryable', async () => {
    const { outbox } = setup();
    let tries = 0;
    await expect(outbox.enqueue('conv', async () => { tries++; throw new Throttled(0); })).rejects.toBeInstanceOf(Throttled);
    expect(tries).toBe(4);
    const fatal = new Error('forbidden');
    let once = 0;
    await expect(outbox.enqueue('conv', async () => { once++; throw fatal; })).rejects.toBe(fatal);
    expect(once).toBe(1);
  });
});
