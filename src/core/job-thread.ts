/**
 * @module job-thread: the chat side of a job's start. The card whose thread carries the job (posted
 * again when it never was), and what a job that could not start leaves behind.
 */
import type { Clock } from '../cluster/clock.js';
import { describeFailure } from './failure.js';
import type { Logger } from './logger.js';
import { plain } from './messages.js';
import type { Messenger } from './messenger.js';
import { requestCard } from './request-cards.js';
import type { OperationRequest } from './requests.js';
import type { Store } from './store.js';

export interface JobThreadOptions {
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
}

export function createJobThread(o: JobThreadOptions) {
  /** A job that could not start (its entry or its claim was not written): marked failed, as far as the disk allows, and its thread told why. */
  const notStarted = async (request: OperationRequest, error: unknown) => {
    const failure = describeFailure(error, o.logger.child({ requestId: request.id }), 'job not started');
    const at = o.clock.now();
    const failed = await o.store
      .transition(request.id, ['approved'], (r) => ({ ...r, state: 'failed', job: { startedAt: at, finishedAt: at, percent: 0, phase: 'not started', summary: failure.text } }))
      .catch((second: unknown) => void o.logger.error({ err: second, requestId: request.id }, 'could not mark a job that did not start as failed'));
    const shown = failed ?? request;
    const notice = plain(`❌ #${request.id} did not start. ${failure.text}`);
    if (!shown.cardRef) return void (await o.messenger.post(request.where, notice));
    await o.messenger.update(shown.cardRef, requestCard(shown, at));
    await o.messenger.reply(shown.cardRef, notice, { broadcast: true });
  };

  /**
   * The card whose thread carries the job. A card that never got posted, or whose ref was not
   * saved before a crash, is posted again where the request was made, so the outcome is not lost.
   */
  const cardOf = async (request: OperationRequest): Promise<{ request: OperationRequest; fresh: boolean }> => {
    if (request.cardRef) return { request, fresh: false };
    const cardRef = await o.messenger.post(request.where, requestCard(request, o.clock.now()));
    const saved = cardRef ? await o.store.update(request.id, (r) => ({ ...r, cardRef })) : undefined;
    return { request: saved ?? request, fresh: true };
  };

  return { notStarted, cardOf };
}
