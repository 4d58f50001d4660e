import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore, ExpectedRevision } from './event-store';

const MAX_ATTEMPTS = 100;
/** The most values one append reserves for callers that queued up while the last one ran. */
const MAX_BATCH = 100;

interface Waiter {
  resolve(value: number): void;
  reject(error: unknown): void;
}

/**
 * Hands out the values of one sequence in one process. Each reservation appends one event per
 * value to `sequence-<name>` with the expected revision, so the store's own conflict check is
 * what makes two callers unable to get one number, across processes too; the revision is the
 * number. Callers in this process queue up behind the append in flight and are then served
 * together by one append (group commit): under load they no longer race each other, and only
 * other processes can make an append lose, which is retried at the revision the conflict
 * reports. A lost race stores nothing (no gap); a caller that fails after reserving leaves a
 * gap, never a duplicate.
 */
class SequenceAllocator {
  private readonly waiting: Waiter[] = [];
  private running = false;
  /** The last revision the store told us: a guess that saves a read, corrected on conflict. */
  private expected: ExpectedRevision = 'no_stream';

  constructor(
    private readonly store: EventStore,
    private readonly name: string,
  ) {}

  next(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) void this.serve();
    });
  }

  private async serve() {
    this.running = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        const last = await this.reserve(batch.length);
        batch.forEach((waiter, i) => waiter.resolve(last - batch.length + 1 + i));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.running = false;
  }

  /** Appends `count` reservations; returns the last value reserved. */
  private async reserve(count: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        const events = Array.from({ length: count }, () => ({
          id: randomUUID(),
          type: 'SequenceValueReserved',
          data: {},
          metadata: {},
        }));
        const { nextExpectedRevision } = await this.store.append(sequenceStream(this.name), events, {
          expectedRevision: this.expected,
        });
        this.expected = nextExpectedRevision;
        return nextExpectedRevision + 1;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        this.expected = error.actual;
        // Processes that lost together would otherwise all retry at the same revision again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
      }
    }
  }
}

const allocators = new WeakMap<EventStore, Map<string, SequenceAllocator>>();

/**
 * The next number of a named sequence (1, 2, 3, ...): unique and never reused, also under
 * concurrent callers and across processes, on every adapter.
 */
export const nextSequenceValue = (store: EventStore, name: string): Promise<number> => {
  const ofStore = allocators.get(store) ?? new Map<string, SequenceAllocator>();
  allocators.set(store, ofStore);
  const allocator = ofStore.get(name) ?? new SequenceAllocator(store, name);
  ofStore.set(name, allocator);
  return allocator.next();
};

export const sequenceStream = (name: string) => `sequence-${name}`;
