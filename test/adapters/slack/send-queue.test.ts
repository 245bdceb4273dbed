/**
 * The send queue on a virtual clock: posts spaced per channel, updates of one message
 * coalesced (the latest wins) and never closer than the progress interval, updates across
 * messages paced for Tier 3, and a failed call that does not stop the lane.
 */
import { createSendQueue } from '../../../adapters/slack/send-queue.js';
import { createVirtualClock } from '../../../src/cluster/virtual-clock.js';

const setup = (minUpdateIntervalMs = 3000) => {
  const clock = createVirtualClock({ start: 0 });
  const queue = createSendQueue({ clock, minUpdateIntervalMs });
  const sent: { what: string; at: number }[] = [];
  const call = (what: string, ms = 20) => async () => {
    await clock.sleep(ms); // the call's round trip
    sent.push({ what, at: clock.now() });
    return what;
  };
  return { clock, queue, sent, call };
};

const gaps = (ats: number[]) => ats.slice(1).map((t, i) => t - ats[i]!);

describe('send queue', () => {
  test('posts in one channel go one by one, a second apart; another channel does not wait', async () => {
    const { queue, sent, call } = setup();
    const results = await Promise.all([
      ...[1, 2, 3, 4].map((i) => queue.post('C1', call(`c1-${i}`))),
      queue.post('C2', call('c2-1')),
    ]);
    expect(results).toEqual(['c1-1', 'c1-2', 'c1-3', 'c1-4', 'c2-1']);
    const c1 = sent.filter((s) => s.what.startsWith('c1'));
    expect(c1.map((s) => s.what)).toEqual(['c1-1', 'c1-2', 'c1-3', 'c1-4']);
    for (const gap of gaps(c1.map((s) => s.at))) expect(gap).toBeGreaterThanOrEqual(1000);
    expect(sent.find((s) => s.what === 'c2-1')!.at).toBeLessThan(c1[1]!.at);
  });

  test('updates of one message coalesce while waiting: the latest is sent, every caller resolves', async () => {
    const { queue, sent, call } = setup();
    const first = queue.update('C1', '1.0001', call('v1'));
    const later = Array.from({ length: 9 }, (_, i) => queue.update('C1', '1.0001', call(`v${i + 2}`)));
    const results = await Promise.all([first, ...later]);
    expect(sent.map((s) => s.what)).toEqual(['v1', 'v10']);
    expect(results).toEqual(['v1', ...Array(9).fill('v10')]);
  });

  test('one message is edited at most once per interval; different messages share the Tier 3 pace', async () => {
    const { queue, sent, call } = setup(3000);
    await Promise.all([queue.update('C1', 'a', call('a1')), queue.update('C1', 'b', call('b1'))]);
    await Promise.all([queue.update('C1', 'a', call('a2')), queue.update('C1', 'b', call('b2')), queue.update('C1', 'c', call('c1'))]);
    const at = (w: string) => sent.find((s) => s.what === w)!.at;
    expect(at('a2') - at('a1')).toBeGreaterThanOrEqual(3000);
    expect(at('b2') - at('b1')).toBeGreaterThanOrEqual(3000);
    for (const gap of gaps(sent.map((s) => s.at))) expect(gap).toBeGreaterThanOrEqual(60_000 / 50);
    // c1 had no earlier edit, so it did not wait behind a2 and b2.
    expect(at('c1')).toBeLessThan(at('a2'));
  });

  test('a failed call rejects its caller and the lane goes on', async () => {
    const { queue, call } = setup();
    const failing = queue.post('C1', async () => {
      throw new Error('boom');
    });
    const next = queue.post('C1', call('after'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
    await queue.settled();
  });
});
