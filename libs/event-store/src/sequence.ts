import { randomUUID } from 'node:crypto';
import type { EventStore } from './event-store';

/**
 * The next number of a named sequence (1, 2, 3, ...): unique and never reused, also under
 * concurrent callers and across processes, on every adapter. Each call appends one event to
 * `sequence-<name>`; its revision is the number, and revisions never repeat. A caller that
 * fails after reserving leaves a gap, never a duplicate.
 */
export const nextSequenceValue = async (store: EventStore, name: string): Promise<number> => {
  const reserved = await store.append(
    sequenceStream(name),
    [{ id: randomUUID(), type: 'SequenceValueReserved', data: {}, metadata: {} }],
    'any',
  );
  return reserved.nextExpectedRevision + 1;
};

export const sequenceStream = (name: string) => `sequence-${name}`;
