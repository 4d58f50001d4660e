import type { ExpectedRevision } from './event-store';

/** The stream is not where the writer expected it: somebody else wrote meanwhile. */
export class WrongExpectedRevisionError extends Error {
  readonly kind = 'conflict';
  readonly code = 'concurrent_modification';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision when the append was refused. */
    readonly actual: number | 'no_stream',
  ) {
    super(
      `${streamId} was changed by someone else meanwhile (expected revision ${expected}, found ${actual}); ` +
        'reload it and try again.',
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * An event id is stored once. Appending events that are already in the stream is a replay
 * (a redelivered message, a retried request): nothing new is stored and the append answers
 * as the first one did. An id already used in another stream, or a batch that only partly
 * repeats one, is this error.
 */
export class DuplicateEventError extends Error {
  readonly kind = 'conflict';
  readonly code = 'duplicate_event';
  constructor(
    readonly streamId: string,
    readonly eventId?: string,
  ) {
    super(`an event with id ${eventId ?? '(one of these)'} is already stored (appending to ${streamId})`);
    this.name = 'DuplicateEventError';
  }
}
