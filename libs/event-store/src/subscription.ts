import type { ReadAllOptions, StoredEvent, SubscribeOptions, Subscription } from './event-store';

const BATCH = 500;

/**
 * Catch up, then follow: reads the global log in pages after the last delivered position,
 * and when a page comes back short waits for an append in this process or the poll interval
 * (appends by other processes). Shared by the adapters that have no push of their own. It is
 * only as safe as `readAll`: that must never return an event above one that may still appear.
 */
export const followGlobalLog = (
  readAll: (options: ReadAllOptions) => Promise<StoredEvent[]>,
  options: SubscribeOptions,
  appends: AppendSignal,
  pollIntervalMs: number,
): Subscription => {
  let stopped = false;
  const interrupt = new AbortController();
  let position = options.fromPosition;
  const read = (fromPosition: bigint | undefined) => {
    const mark = appends.mark();
    const page = readAll({ fromPosition, limit: BATCH, streamPrefix: options.streamPrefix });
    page.catch(() => undefined); // a failure is seen where it is awaited, not as unhandled
    return { mark, page };
  };
  // While catching up (a full page), the next page is read while this one is handled: the
  // store and the handler's own store work at the same time, not in turn.
  let ahead: ReturnType<typeof read> | undefined;
  const run = async () => {
    while (!stopped) {
      const { mark, page: reading } = ahead ?? read(position);
      const page = await reading;
      ahead = page.length === BATCH ? read(page[page.length - 1].position) : undefined;
      const { onBatch, onEvent } = options;
      if (onBatch && page.length) {
        await onBatch(page);
        position = page[page.length - 1].position;
      }
      for (const event of onEvent ? page : []) {
        if (stopped) return;
        await onEvent!(event);
        position = event.position;
      }
      // A short page is the head: an append since the mark ends the wait at once, so there is
      // no need to ask again for the empty page that would prove it (half the reads of a follower).
      if (page.length < BATCH) await appends.wait(mark, pollIntervalMs, interrupt.signal);
    }
  };
  const done = run().catch((error) => {
    if (stopped) return; // the store was closed under a stopping subscription: nothing to report
    stopped = true;
    if (options.onError) options.onError(error);
    else console.error('event store subscription stopped', error);
  });
  return {
    stop: async () => {
      stopped = true;
      interrupt.abort();
      await done;
    },
  };
};

/**
 * Tells followers in this process that something was appended, so they need not wait for
 * their next poll. An append between a follower's read and its wait still counts (the mark).
 */
export class AppendSignal {
  private generation = 0;
  private readonly waiting = new Set<() => void>();

  mark() {
    return this.generation;
  }

  /** Resolves after `ms`, on an append since `mark`, or when aborted, whichever is first. */
  wait(mark: number, ms: number, abort: AbortSignal): Promise<void> {
    if (mark !== this.generation || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.removeEventListener('abort', done);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      abort.addEventListener('abort', done);
      this.waiting.add(done);
    });
  }

  signal() {
    this.generation++;
    for (const done of [...this.waiting]) done();
  }
}

/**
 * Followers at the head of the log (a relay, a projection) are woken by the same append and
 * ask the same question at once: one query answers all of them. A caller joins a query only if
 * it was asked after the last append this process signalled, so it sees everything the caller
 * was woken for; anything newer signals again and the caller reads again.
 */
export const sharedReads = (
  readAll: (options: ReadAllOptions) => Promise<StoredEvent[]>,
  appends: AppendSignal,
) => {
  const inFlight = new Map<string, Promise<StoredEvent[]>>();
  return async (options: ReadAllOptions) => {
    const key = `${options.fromPosition ?? 'start'}:${options.limit}:${options.streamPrefix ?? ''}:${appends.mark()}`;
    let answer = inFlight.get(key);
    if (!answer) {
      answer = readAll(options).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return [...(await answer)];
  };
};
