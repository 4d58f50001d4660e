// Small helpers for event store tests; no assertions of their own.
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, StoredEvent } from '../event-store';

export const newEvent = (type = 'Happened', data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { correlationId: 'test' },
});

export const newEvents = (count: number, type = 'Happened') =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: i }));

/** Stores are shared by a whole suite, so every test writes to streams of its own. */
export const newStreamId = (prefix = 'test') => `${prefix}-${randomUUID()}`;

/** Waits for something asynchronous to happen; the deadline only ends a test that would hang. */
export const until = async (condition: () => boolean, what: string, ms = 20000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/**
 * Retries an assertion until it holds. The global log of a PostgreSQL store shows a committed
 * event only once every older transaction on the server has finished (see statements.ts), and
 * other test suites run transactions of their own at the same time.
 */
export const eventually = async (assertion: () => Promise<void>, ms = 20000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
};

/** Subscribes, one event at a time or in pages, and keeps what is delivered, for assertions. */
export const collect = (
  store: EventStore,
  fromPosition?: bigint,
  delivery: 'onEvent' | 'onBatch' = 'onEvent',
) => {
  const received: StoredEvent[] = [];
  const subscription = store.subscribeToAll(
    delivery === 'onEvent'
      ? { fromPosition, onEvent: async (e) => void received.push(e) }
      : { fromPosition, onBatch: async (page) => void received.push(...page) },
  );
  return { received, subscription };
};

/** The events of some streams only: other tests write to the same store meanwhile. */
export const of = (events: StoredEvent[], ...streamIds: string[]) =>
  events.filter((e) => streamIds.includes(e.streamId));

export const isAscending = (positions: bigint[]) =>
  positions.every((p, i) => i === 0 || p > positions[i - 1]);

/** Runs the calls together and tells what each one did, without stopping at the first failure. */
export const race = <T>(calls: Array<() => Promise<T>>) => Promise.allSettled(calls.map((call) => call()));
