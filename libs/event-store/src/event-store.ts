/** An event about to be stored. The id is the event's identity everywhere, Kafka included. */
export interface NewEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface StoredEvent extends NewEvent {
  streamId: string;
  /** Place in its stream, from 0, without gaps. */
  revision: number;
  /**
   * Place in the global log. Subscribers receive events in ascending position, and no event
   * ever appears later below a position already delivered, so "everything after P" is a
   * complete checkpoint.
   */
  position: bigint;
  recordedAt: Date;
}

/** What the writer believes the stream looks like; the append fails when it is wrong. */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** The revision of the last event appended: the expected revision of the next append. */
  nextExpectedRevision: number;
  position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive. */
  toRevision?: number;
  /** Only events recorded at or before this time: the stream as it was then. */
  toTime?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Omitted: from the beginning. */
  fromPosition?: bigint;
  limit?: number;
}

export interface Subscription {
  /** Stops delivering; resolves once the event being handled (if any) is done. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  fromPosition?: bigint;
  /** Called for one event at a time, in global order; the next waits for it. */
  onEvent: (event: StoredEvent) => Promise<void>;
  /** Called when the subscription stops because onEvent or the store failed. */
  onError?: (error: unknown) => void;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in order; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** The position of the last event, undefined for an empty store: how far a rebuild must go. */
  headPosition(): Promise<bigint | undefined>;
  /** Catches up from a position, then follows new events as they are committed. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  readonly kind = 'conflict';
  readonly code = 'concurrent_modification';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(
      `${streamId} was changed by someone else meanwhile (expected revision ${expected}, found ${actual}); ` +
        'reload it and try again.',
    );
  }
}

/**
 * An event id is stored once. Appending events that are already in the stream is a replay
 * (a redelivered message, a retried request): nothing new is stored and the append answers
 * as the first one did. An id already used in another stream is this error.
 */
export class DuplicateEventError extends Error {
  readonly kind = 'conflict';
  readonly code = 'duplicate_event';
  constructor(
    readonly streamId: string,
    readonly eventId?: string,
  ) {
    super(`an event with id ${eventId ?? '(one of these)'} is already stored (stream ${streamId})`);
  }
}

/** The result of the first append, when every one of `ids` is already in the stream. */
export const replayed = (stream: StoredEvent[], ids: Set<string>): AppendResult | undefined => {
  const mine = stream.filter((e) => ids.has(e.id));
  if (ids.size === 0 || mine.length !== ids.size) return undefined;
  const last = mine[mine.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position };
};
