/**
 * @module event-channel: lets concurrent tasks feed one async generator (a drain's moves
 * report into one job thread). push() from anywhere, close() when done, drain with for-await.
 */

export interface EventChannel<T> extends AsyncIterable<T> {
  push(event: T): void;
  close(): void;
}

export function createEventChannel<T>(): EventChannel<T> {
  const buffered: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | undefined;
  let closed = false;
  return {
    push(event) {
      if (closed) return;
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w({ value: event, done: false });
      } else buffered.push(event);
    },
    close() {
      closed = true;
      if (waiting) {
        const w = waiting;
        waiting = undefined;
        w({ value: undefined, done: true });
      }
    },
    [Symbol.asyncIterator]() {
      return {
        next: () => {
          if (buffered.length) return Promise.resolve({ value: buffered.shift() as T, done: false });
          if (closed) return Promise.resolve({ value: undefined, done: true });
          return new Promise<IteratorResult<T>>((resolve) => (waiting = resolve));
        },
      };
    },
  };
}

/**
 * Turns a task that reports through `emit` into the async generator a command's run returns:
 * events are yielded as they come, and the task's result is the generator's return value.
 */
export async function* streamEvents<E, R>(task: (emit: (event: E) => void) => Promise<R>): AsyncGenerator<E, R> {
  const channel = createEventChannel<E>();
  const result = task((event) => channel.push(event)).finally(() => channel.close());
  result.catch(() => undefined);
  for await (const event of channel) yield event;
  return await result;
}
