import type { ReadAllOptions, StoredEvent, SubscribeOptions, Subscription } from './event-store';

const BATCH = 500;

/**
 * Catch up, then follow: reads the global log in batches after the last delivered position,
 * and when it reaches the end waits for a wake-up (an append in this process) or the poll
 * interval (appends by other processes). Shared by the adapters that have no push of their own.
 */
export const followGlobalLog = (
  readAll: (options: ReadAllOptions) => Promise<StoredEvent[]>,
  options: SubscribeOptions,
  wakeUps: { wait(ms: number): Promise<void>; wake?(): void },
  pollIntervalMs: number,
): Subscription => {
  let stopped = false;
  let position = options.fromPosition;
  const run = async () => {
    while (!stopped) {
      const batch = await readAll({ fromPosition: position, limit: BATCH });
      for (const event of batch) {
        if (stopped) return;
        await options.onEvent(event);
        position = event.position;
      }
      if (batch.length < BATCH && !stopped) await wakeUps.wait(pollIntervalMs);
    }
  };
  const done = run().catch((error) => {
    stopped = true;
    if (options.onError) options.onError(error);
    else console.error('event store subscription stopped', error);
  });
  return {
    stop: async () => {
      stopped = true;
      wakeUps.wake?.();
      await done;
    },
  };
};

/** Lets appends in this process wake their subscribers at once instead of at the next poll. */
export class WakeUps {
  private waiting = new Set<() => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }

  wake() {
    for (const done of [...this.waiting]) done();
  }
}
