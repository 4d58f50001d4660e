import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore, ExpectedRevision } from './event-store';

const MAX_ATTEMPTS = 100;
/** The most values one append reserves for callers that queued up while the last one ran. */
const MAX_BATCH = 100;
/**
 * Values reserved ahead with each append: a busy process appends once per block instead of once
 * per number, so processes meet on the stream that much less often. A block's unused values are
 * skipped when the process ends (a gap), never handed out again.
 */
export const SEQUENCE_BLOCK = 20;

interface Waiter {
  resolve(value: number): void;
  reject(error: unknown): void;
}

/**
 * Hands out the values of one sequence in one process, for stores that keep no sequences of their
 * own (EventStoreDB, memory). Each reservation appends one event per value to `sequence-<name>`
 * with the expected revision, at least a block of them, so the store's own conflict check is
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
  /** Reserved and not yet handed out: the next is `reserved.next`, up to `reserved.last`. */
  private reserved = { next: 1, last: 0 };

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
        while (batch.length && this.reserved.next <= this.reserved.last)
          batch.shift()!.resolve(this.reserved.next++);
        if (batch.length) {
          const count = Math.max(batch.length, SEQUENCE_BLOCK);
          const last = await this.reserve(count);
          this.reserved = { next: last - count + 1, last };
          for (const waiter of batch) waiter.resolve(this.reserved.next++);
        }
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
 * concurrent callers and across processes, on every adapter. The store's own sequences where it
 * has them (PostgreSQL: no gaps, no retries), else blocks reserved on a stream per process.
 */
export const nextSequenceValue = (store: EventStore, name: string): Promise<number> => {
  if (store.nextSequenceValue) return store.nextSequenceValue(name);
  const ofStore = allocators.get(store) ?? new Map<string, SequenceAllocator>();
  allocators.set(store, ofStore);
  const allocator = ofStore.get(name) ?? new SequenceAllocator(store, name);
  ofStore.set(name, allocator);
  return allocator.next();
};

export const sequenceStream = (name: string) => `sequence-${name}`;
