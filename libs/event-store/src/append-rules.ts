// The rules of an append that do not depend on where events are stored, so that every adapter
// answers the same way (the contract suite checks that they do).
import { DuplicateEventError } from './errors';
import type { AppendOptions, AppendResult, ExpectedRevision, NewEvent } from './event-store';

/**
 * The expected revision of an append, after refusing what no store could honour (before
 * anything is written). Accepts the deprecated bare form too.
 */
export const checkAppend = (
  streamId: string,
  events: NewEvent[],
  options: AppendOptions | ExpectedRevision,
): ExpectedRevision => {
  const expected = typeof options === 'object' ? options.expectedRevision : options;
  if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= 0)) {
    throw new RangeError(
      `expected revision ${expected} for ${streamId}: a revision is an integer >= 0; a new stream is 'no_stream'`,
    );
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (ids.has(event.id)) throw new DuplicateEventError(streamId, event.id);
    ids.add(event.id);
  }
  return expected;
};

/** `actual` is the stream's last revision, -1 when it does not exist. */
export const revisionMatches = (expected: ExpectedRevision, actual: number) =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === -1) ||
  (expected === 'stream_exists' && actual >= 0) ||
  expected === actual;

/** Where an event of the batch is already stored. */
export interface StoredCopy {
  id: string;
  streamId: string;
  revision: number;
  position: bigint;
}

/**
 * What an append means when some of its event ids are stored already; adapters ask before
 * judging the expected revision, because a retried append (a redelivered message, a request
 * repeated after a timeout) expects a revision the stream has since moved past. All of them in
 * this stream: a replay, answered as the first append was. None: not a repeat (undefined).
 * Anything in between, or an id used by another stream: DuplicateEventError.
 */
export const answerToRepeat = (
  streamId: string,
  events: NewEvent[],
  copies: StoredCopy[],
): AppendResult | undefined => {
  if (copies.length === 0) return undefined;
  const mine = copies.filter((copy) => copy.streamId === streamId);
  if (mine.length !== events.length) {
    const foreign = copies.find((copy) => copy.streamId !== streamId) ?? copies[0];
    throw new DuplicateEventError(streamId, foreign.id);
  }
  const last = mine.reduce((a, b) => (b.revision > a.revision ? b : a));
  return { nextExpectedRevision: last.revision, position: last.position };
};
