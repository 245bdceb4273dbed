/**
 * The directory cache: answers kept for the TTL, refreshed before they are used once older,
 * the last good answer kept while a source is down (with a warning), and nobody let in by a
 * source that never answered.
 */
import { createVirtualClock } from '../../src/cluster/virtual-clock.js';
import type { Actor } from '../../src/core/chat.js';
import { createGroupCache } from '../../src/core/group-cache.js';
import type { GroupSource } from '../../src/core/groups.js';
import { createCapturingLogger } from '../support/capturing-logger.js';

const bob: Actor = { platform: 'console', id: 'bob', name: 'bob' };

function fakeSource(groups: Record<string, string[]>) {
  const state = { down: false, calls: 0 };
  const source: GroupSource = {
    name: 'ldap',
    async groupsOf(actor) {
      state.calls++;
      if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:636');
      return groups[actor.id] ?? [];
    },
  };
  return { source, state, groups };
}

function setup(groups: Record<string, string[]>) {
  const clock = createVirtualClock({ auto: false });
  const logger = createCapturingLogger();
  const fake = fakeSource(groups);
  const cache = createGroupCache({ sources: [fake.source], clock, logger, ttlMs: 60_000, maxStaleMs: 600_000, lookupTimeoutMs: 1000 });
  return { clock, logger, fake, cache };
}

test('asks the source once per TTL, and answers from the cache in between', async () => {
  const { clock, fake, cache } = setup({ bob: ['Approvers'] });
  await cache.prepare(bob);
  await cache.prepare(bob);
  expect(cache.groupsOf(bob)).toEqual([{ source: 'ldap', group: 'Approvers' }]);
  expect(fake.state.calls).toBe(1);
  await clock.advance(61_000);
  await cache.prepare(bob);
  expect(fake.state.calls).toBe(2);
});

test('someone removed from a group loses it within the TTL', async () => {
  const { clock, fake, cache } = setup({ bob: ['Approvers'] });
  await cache.prepare(bob);
  fake.groups.bob = [];
  await clock.advance(60_000);
  await cache.prepare(bob);
  expect(cache.groupsOf(bob)).toEqual([]);
});

test('a source that goes down keeps its last good answer, with a warning, for maxStale only', async () => {
  const { clock, fake, cache, logger } = setup({ bob: ['Approvers'] });
  await cache.prepare(bob);
  fake.state.down = true;
  await clock.advance(61_000);
  await cache.prepare(bob);
  expect(cache.groupsOf(bob)).toEqual([{ source: 'ldap', group: 'Approvers' }]);
  expect(logger.entries.some((l) => l.level === 'warn' && /keeping its last good answer/.test(l.msg ?? ""))).toBe(true);
  expect(cache.status()).toEqual([expect.objectContaining({ source: 'ldap', ok: false, lastError: expect.stringContaining('ECONNREFUSED') })]);
  await clock.advance(600_000);
  await cache.prepare(bob);
  expect(cache.groupsOf(bob)).toEqual([]); // too stale to trust: closed, not open
});

test('a source down from the start grants nothing, and says so', async () => {
  const { fake, cache, logger } = setup({ bob: ['Approvers'] });
  fake.state.down = true;
  await cache.prepare(bob);
  expect(cache.groupsOf(bob)).toEqual([]);
  expect(logger.entries.some((l) => l.level === 'warn' && /holds none of its groups/.test(l.msg ?? ""))).toBe(true);
  fake.state.down = false;
  await cache.prepare(bob); // never answered: asked again at once
  expect(cache.groupsOf(bob)).toEqual([{ source: 'ldap', group: 'Approvers' }]);
});
