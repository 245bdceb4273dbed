/**
 * @module group-cache: directory answers per person, cached with a TTL. An answer older than
 * half the TTL is refreshed in the background; one older than the TTL is refreshed before it
 * is used, so someone removed from a group loses the role within the TTL. When a source fails,
 * its last good answer is kept (with a warning) for at most `maxStaleMs`; a person it never
 * answered for holds none of its groups. Never an open door when a source fails.
 */
import type { Clock } from '../cluster/clock.js';
import type { Actor } from './chat.js';
import type { GroupRef, GroupSource } from './groups.js';
import type { Logger } from './logger.js';

export interface GroupCacheOptions {
  sources: readonly GroupSource[];
  clock: Clock;
  logger: Logger;
  ttlMs: number;
  /** How long a source's last good answer stands in while the source is down. */
  maxStaleMs: number;
  /** How long an event waits for a source before deciding without it. */
  lookupTimeoutMs: number;
}

export interface SourceStatus {
  source: string;
  ok: boolean;
  /** When the source last answered anyone. */
  lastAnswerAt?: number;
  lastError?: string;
}

export interface GroupCache {
  /** Looks the actor up where the cached answer is missing or too old; call before access checks. */
  prepare(actor: Actor): Promise<void>;
  /** The actor's groups from every source, as cached (synchronous: access checks are). */
  groupsOf(actor: Actor): GroupRef[];
  status(): SourceStatus[];
}

interface Entry {
  groups: readonly string[];
  fetchedAt: number;
  refreshing?: Promise<void>;
}

const actorKey = (actor: Actor) => `${actor.platform}\u0000${actor.id}`;

export function createGroupCache(o: GroupCacheOptions): GroupCache {
  const entries = new Map<string, Entry>(); // source \0 platform \0 id
  const health = new Map<string, SourceStatus>(o.sources.map((s) => [s.name, { source: s.name, ok: true }]));

  const fetch = (source: GroupSource, actor: Actor, key: string): Promise<void> => {
    const current = entries.get(key);
    if (current?.refreshing) return current.refreshing;
    const refreshing = source
      .groupsOf(actor)
      .then((groups) => {
        entries.set(key, { groups: [...groups], fetchedAt: o.clock.now() });
        health.set(source.name, { source: source.name, ok: true, lastAnswerAt: o.clock.now() });
      })
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        const previous = health.get(source.name);
        health.set(source.name, { ...previous, source: source.name, ok: false, lastError: reason });
        const kept = current && Number.isFinite(current.fetchedAt) ? current : undefined;
        if (kept) entries.set(key, { groups: kept.groups, fetchedAt: kept.fetchedAt });
        else entries.delete(key);
        o.logger.warn(
          { source: source.name, err: reason, keptLastGood: Boolean(kept) },
          kept ? 'group source unavailable; keeping its last good answer' : 'group source unavailable; this person holds none of its groups until it answers',
        );
      });
    entries.set(key, { groups: current?.groups ?? [], fetchedAt: current?.fetchedAt ?? Number.NEGATIVE_INFINITY, refreshing });
    return refreshing;
  };

  const withTimeout = (work: Promise<void>) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, o.lookupTimeoutMs);
      timer.unref?.();
      void work.finally(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  return {
    async prepare(actor) {
      const waits: Promise<void>[] = [];
      for (const source of o.sources) {
        const key = `${source.name}\u0000${actorKey(actor)}`;
        const entry = entries.get(key);
        const age = entry ? o.clock.now() - entry.fetchedAt : Number.POSITIVE_INFINITY;
        if (age >= o.ttlMs) waits.push(withTimeout(fetch(source, actor, key)));
        else if (age >= o.ttlMs / 2) void fetch(source, actor, key);
      }
      await Promise.all(waits);
    },
    groupsOf(actor) {
      const found: GroupRef[] = [];
      for (const source of o.sources) {
        const entry = entries.get(`${source.name}\u0000${actorKey(actor)}`);
        if (!entry || !Number.isFinite(entry.fetchedAt)) continue;
        if (o.clock.now() - entry.fetchedAt > o.ttlMs + o.maxStaleMs) continue; // too stale to trust
        for (const group of entry.groups) found.push({ source: source.name, group });
      }
      return found;
    },
    status: () => [...health.values()],
  };
}
