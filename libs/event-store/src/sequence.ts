import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore, ExpectedRevision } from './event-store';

const MAX_ATTEMPTS = 100;

/** The last revision each store told us per sequence: a guess that saves a read, corrected on conflict. */
const lastSeen = new WeakMap<EventStore, Map<string, number>>();

/**
 * The next number of a named sequence (1, 2, 3, ...): unique and never reused, also under
 * concurrent callers and across processes, on every adapter. Each call appends one event to
 * `sequence-<name>` with the expected revision, so the store's own conflict check is what makes
 * two callers unable to get one number; the revision is the number. A lost race stores nothing
 * (no gap) and is retried at the revision the conflict reports. A caller that fails after
 * reserving leaves a gap, never a duplicate.
 */
export const nextSequenceValue = async (store: EventStore, name: string): Promise<number> => {
  const seen = lastSeen.get(store) ?? new Map<string, number>();
  lastSeen.set(store, seen);
  let expected: ExpectedRevision = seen.get(name) ?? 'no_stream';
  for (let attempt = 1; ; attempt++) {
    try {
      const { nextExpectedRevision } = await store.append(
        sequenceStream(name),
        [{ id: randomUUID(), type: 'SequenceValueReserved', data: {}, metadata: {} }],
        { expectedRevision: expected },
      );
      seen.set(name, nextExpectedRevision);
      return nextExpectedRevision + 1;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      expected = error.actual;
      // Callers that lost together would otherwise all retry at the same revision again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
    }
  }
};

export const sequenceStream = (name: string) => `sequence-${name}`;
