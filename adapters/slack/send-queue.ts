/**
 * @module slack/send-queue: every Web API call the adapter makes goes through here. Posts
 * wait in one lane per channel (Slack: one message per second per channel), updates in one
 * workspace lane (chat.update is Tier 3) where updates of the same message coalesce, the
 * latest winning, and each message is edited at most once per progress interval.
 */
import { createPacedLane, type PacedLane, type PacerClock } from './paced-lane.js';
import { RATE_LIMITS, type RateLimits } from './limits.js';

export interface SendQueueOptions {
  clock: PacerClock;
  limits?: Partial<RateLimits>;
  /** The least time between two edits of one message (the progress interval). */
  minUpdateIntervalMs: number;
}

export interface SendQueue {
  post<T>(channel: string, task: () => Promise<T>): Promise<T>;
  ephemeral<T>(task: () => Promise<T>): Promise<T>;
  /** Coalesces with a waiting update of the same message: the latest content is sent once. */
  update<T>(channel: string, ts: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when every lane is empty. */
  settled(): Promise<void>;
}

/** Idle channel lanes older than this are dropped, so the map does not grow with every channel. */
const LANE_KEEP_MS = 60_000;

export function createSendQueue(o: SendQueueOptions): SendQueue {
  const given = Object.fromEntries(Object.entries(o.limits ?? {}).filter(([, v]) => typeof v === 'number' && v > 0));
  const limits: RateLimits = { ...RATE_LIMITS, ...given };
  const channels = new Map<string, PacedLane>();
  const updates = createPacedLane({ clock: o.clock, spacingMs: 60_000 / limits.updatesPerMinute, perKeyIntervalMs: o.minUpdateIntervalMs });
  const ephemerals = createPacedLane({ clock: o.clock, spacingMs: 60_000 / limits.ephemeralsPerMinute });

  const channelLane = (channel: string) => {
    let lane = channels.get(channel);
    if (lane) return lane;
    const now = o.clock.now();
    for (const [id, l] of channels) if (!l.busy() && now - l.lastActivity() > LANE_KEEP_MS) channels.delete(id);
    lane = createPacedLane({ clock: o.clock, spacingMs: 1000 / limits.postsPerSecondPerChannel });
    channels.set(channel, lane);
    return lane;
  };

  return {
    post: (channel, task) => channelLane(channel).enqueue(task),
    ephemeral: (task) => ephemerals.enqueue(task),
    update: (channel, ts, task) => updates.enqueue(task, `${channel}:${ts}`),
    async settled() {
      for (;;) {
        const lanes = [updates, ephemerals, ...channels.values()];
        await Promise.all(lanes.map((l) => l.whenIdle()));
        if (lanes.every((l) => !l.busy())) return;
      }
    },
  };
}
