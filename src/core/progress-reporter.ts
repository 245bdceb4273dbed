/**
 * @module progress-reporter: a job's thread. One progress message edited in place no more
 * often than the interval (the latest value wins), a thread reply when the phase changes
 * and for each step, all in order. A job may keep a table (its board) in the progress message. The job record keeps the progress message's ref for restarts.
 */
import type { Clock } from '../cluster/clock.js';
import type { Block, MessageRef } from './chat.js';
import { plain } from './messages.js';
import type { Messenger } from './messenger.js';
import { progressCard } from './request-cards.js';
import type { OperationRequest } from './requests.js';

export interface ProgressReporter {
  progress(percent: number, phase: string): Promise<void>;
  step(text: string): Promise<void>;
  /** Blocks shown under the bar in the same message (a drain's table); shown with the next edit. */
  board(blocks: Block[]): void;
  /** Shows the last progress value whatever the interval. */
  flush(): Promise<void>;
}

export interface ProgressReporterOptions {
  messenger: Messenger;
  clock: Clock;
  request: OperationRequest;
  thread: MessageRef | undefined;
  intervalMs: number;
  /** Called when the progress message is created or shown, to persist it. */
  onShown(ref: MessageRef | undefined, percent: number, phase: string): Promise<void>;
}

export function createProgressReporter(o: ProgressReporterOptions): ProgressReporter {
  let ref: MessageRef | undefined = o.request.job?.progressRef;
  let lastShownAt = -Infinity;
  let lastPhase: string | undefined;
  let latest = { percent: o.request.job?.percent ?? 0, phase: o.request.job?.phase ?? 'starting' };
  let shown: typeof latest | undefined;
  let boardBlocks: Block[] = [];
  let boardChanged = false;
  // Chat is written in order but off the job's path: a slow or rate-limited platform never
  // slows the watching of the cluster. A progress edit still waiting is replaced by a newer one.
  let chain: Promise<unknown> = Promise.resolve();
  let queuedShow: { snapshot: typeof latest & { extra: Block[] } } | undefined;
  const enqueue = (send: () => Promise<unknown>) => {
    chain = chain.then(send).catch(() => undefined); // the messenger logs delivery failures
  };

  const show = () => {
    lastShownAt = o.clock.now();
    shown = { ...latest };
    boardChanged = false;
    if (queuedShow) return void (queuedShow.snapshot = { ...latest, extra: boardBlocks });
    const pending = { snapshot: { ...latest, extra: boardBlocks } };
    queuedShow = pending;
    enqueue(async () => {
      queuedShow = undefined;
      if (!o.thread) return;
      const { percent, phase, extra } = pending.snapshot;
      const card = progressCard(o.request, percent, phase, extra);
      if (ref) await o.messenger.update(ref, card);
      else ref = await o.messenger.reply(o.thread, card);
      await o.onShown(ref, percent, phase);
    });
  };

  return {
    async progress(percent, phase) {
      latest = { percent: Math.max(0, Math.min(100, percent)), phase };
      const phaseChanged = lastPhase !== undefined && phase !== lastPhase;
      if (lastPhase === undefined || phaseChanged || o.clock.now() - lastShownAt >= o.intervalMs) show();
      if (phaseChanged && phase !== 'done' && o.thread) {
        const thread = o.thread;
        enqueue(() => o.messenger.reply(thread, plain(`${capitalise(phase)} (${Math.round(percent)}%)`)));
      }
      lastPhase = phase;
    },
    async step(text) {
      const thread = o.thread;
      if (thread) enqueue(() => o.messenger.reply(thread, plain(text)));
    },
    board(blocks) {
      boardBlocks = blocks;
      boardChanged = true;
      if (o.clock.now() - lastShownAt >= o.intervalMs) show();
    },
    async flush() {
      if (!shown || boardChanged || latest.percent !== shown.percent || latest.phase !== shown.phase || !ref) show();
      await chain;
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
