/**
 * @module slow-reads: a read command that takes more than a few seconds (`validate`) is
 * acknowledged at once; its progress goes into the acknowledgement's thread like a job's (one
 * message edited in place, a reply when the phase changes) and its answer is the last reply.
 * One runs at a time per cluster and command: asking again points to the running one's thread.
 */
import type { Clock } from '../cluster/clock.js';
import type { Actor, ChatMessage, MessageRef, Where } from './chat.js';
import { describeFailure } from './failure.js';
import { clockTime } from './format.js';
import type { Logger } from './logger.js';
import { message, plain } from './messages.js';
import type { Messenger } from './messenger.js';

/** What a slow read reports as it goes. */
export type ReadProgress = (percent: number, phase: string) => void;

interface Running {
  what: string;
  by: Actor;
  startedAt: number;
  thread: MessageRef | undefined;
  percent: number;
  phase: string;
}

export interface SlowReadsOptions {
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
}

export interface SlowReads {
  /** Acknowledges, then runs `work` in the background; resolves with the acknowledgement. */
  start(key: string, what: string, by: Actor, where: Where, work: (report: ReadProgress) => Promise<ChatMessage>): Promise<MessageRef | undefined>;
  /** Tells `by` that `key` already runs, and where; false when it does not. */
  pointTo(key: string, by: Actor, where: Where): Promise<boolean>;
  describe(): string[];
  idle(): Promise<void>;
}

export function createSlowReads(o: SlowReadsOptions): SlowReads {
  const running = new Map<string, Running>();
  const tasks = new Set<Promise<void>>();

  const follow = async (key: string, r: Running, work: (report: ReadProgress) => Promise<ChatMessage>) => {
    let progressRef: MessageRef | undefined;
    let shownAt = -Infinity;
    let lastPhase: string | undefined;
    let chain: Promise<unknown> = Promise.resolve();
    const send = (f: () => Promise<unknown>) => (chain = chain.then(f).catch(() => undefined));
    const card = () => message([{ type: 'context', text: r.what }, { type: 'progress', percent: r.percent, phase: r.phase }]);
    const show = () => {
      shownAt = o.clock.now();
      send(async () => {
        if (!r.thread) return;
        if (progressRef) await o.messenger.update(progressRef, card());
        else progressRef = await o.messenger.reply(r.thread, card());
      });
    };
    const report: ReadProgress = (percent, phase) => {
      const changed = lastPhase !== undefined && phase !== lastPhase;
      Object.assign(r, { percent: Math.max(r.percent, Math.min(100, percent)), phase });
      if (changed && r.thread) {
        const thread = r.thread;
        send(() => o.messenger.reply(thread, plain(`${phase} (${Math.round(r.percent)}%)`)));
      }
      if (lastPhase === undefined || changed || o.clock.now() - shownAt >= o.intervalMs) show();
      lastPhase = phase;
    };
    let answer: ChatMessage;
    try {
      answer = await work(report);
      report(100, 'done');
    } catch (error) {
      answer = plain(describeFailure(error, o.logger.child({ read: key }), 'slow read failed').text);
    }
    running.delete(key);
    await chain;
    if (r.thread) await o.messenger.reply(r.thread, answer, { broadcast: true });
  };

  return {
    async start(key, what, by, where, work) {
      const r: Running = { what, by, startedAt: o.clock.now(), thread: undefined, percent: 0, phase: 'starting' };
      running.set(key, r);
      r.thread = await o.messenger.post(where, plain(`⏳ ${what}: started by @${by.name}; progress in the thread, the result at the end.`));
      const task = follow(key, r, work).finally(() => tasks.delete(task));
      tasks.add(task);
      return r.thread;
    },
    async pointTo(key, by, where) {
      const r = running.get(key);
      if (!r) return false;
      const since = `started by @${r.by.name} at ${clockTime(r.startedAt)}, now ${Math.round(r.percent)}% (${r.phase})`;
      await o.messenger.post(where, plain(`${r.what} is already running: ${since}. Its thread will have the result; you are mentioned there.`), { visibleTo: by });
      if (r.thread) await o.messenger.reply(r.thread, message([{ type: 'mentions', prefix: 'Also waiting for this:', actors: [by] }]));
      return true;
    },
    describe: () => [...running.values()].map((r) => `${r.what} (${Math.round(r.percent)}%, ${r.phase})`),
    idle: async () => {
      while (tasks.size) await Promise.all([...tasks]);
    },
  };
}
