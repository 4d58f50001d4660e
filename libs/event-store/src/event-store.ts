/** An event about to be stored. The id is the event's identity everywhere, Kafka included. */
export interface NewEvent {
  /** A UUID. Appending an id that is already stored is a replay or an error, never a second copy. */
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
   * Place in the global log: opaque, unique, totally ordered, but not a count (no arithmetic,
   * gaps are normal). Subscribers receive events in ascending position, and no event ever
   * appears later below a position already delivered, so "everything after P" is a complete
   * checkpoint. Store it as a decimal string (`String(p)`, `BigInt(s)`); JSON cannot hold a bigint.
   */
  position: bigint;
  recordedAt: Date;
}

/**
 * What the writer believes the stream looks like; the append fails when it is wrong.
 * A number is the revision of the stream's last event (>= 0); a new stream is 'no_stream'.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

/** One stream's part of `appendToStreams`: its events and what its writer expects of it. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append: the next append's expectation. */
  nextExpectedRevision: number;
  /** The position of the last event appended (of the store's head when nothing was appended). */
  position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive. */
  toRevision?: number;
  /** Inclusive, to the millisecond: the stream as it was at that time. */
  toTime?: Date;
}

/** How many events one `readAll` returns when the caller does not say. */
export const DEFAULT_READ_ALL_LIMIT = 1000;

export interface ReadAllOptions {
  /** Exclusive: events after this position. Omitted: from the beginning. */
  fromPosition?: bigint;
  /** At most this many (DEFAULT_READ_ALL_LIMIT when omitted). Fewer does not mean the end. */
  limit?: number;
  /**
   * Only events of streams whose id starts with this, chosen by the store where it can (a relay
   * reads its own streams, not the whole log filtered in the process). The limit counts these.
   */
  streamPrefix?: string;
}

export interface Subscription {
  /** Stops delivering; resolves once the event being handled (if any) is done. */
  stop(): Promise<void>;
}

/**
 * Either one event at a time (`onEvent`), or pages of events as they are read (`onBatch`),
 * which lets a consumer such as a projection write many changes at once. Both in global
 * order; the next call waits for the one before.
 */
export type SubscribeOptions = {
  /** Exclusive, like readAll. Omitted: from the beginning. */
  fromPosition?: bigint;
  /** Only events of streams whose id starts with this, like readAll. */
  streamPrefix?: string;
  /** Called once when the subscription stops because the handler or the store failed. */
  onError?: (error: unknown) => void;
} & (
  | { onEvent: (event: StoredEvent) => Promise<void>; onBatch?: never }
  | { onBatch: (events: StoredEvent[]) => Promise<void>; onEvent?: never }
);

export interface EventStore {
  /** All events or none, at the revisions following the expected one. */
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** @deprecated Pass `{ expectedRevision }`; kept so that earlier callers still compile. */
  append(streamId: string, events: NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /**
   * Appends to several streams (each at most once), each as `append` would: its own expectation,
   * all its events or none, a replay answered as the first time. Answers in their order; throws
   * the first refusal. The streams are not one unit: when one is refused others may be stored, so
   * a caller that tries again relies on each stream's expectation and event ids, as with `append`.
   * PostgreSQL writes them all in one statement when every expectation holds: a consumer's batch
   * of many streams costs one round trip, not one per stream.
   */
  appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]>;
  /** The stream's events in order; empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Several streams' events, as `readStream` each, in the order of the ids (PostgreSQL: one statement). */
  readStreams(streamIds: string[]): Promise<StoredEvent[][]>;
  /** A page of the global log, in position order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * The position of the last event readAll can return now (undefined when none): how far a
   * rebuild must go, and a safe place to start a subscription. Right after an append it may
   * still be below that append's position while an older transaction is in flight.
   */
  headPosition(): Promise<bigint | undefined>;
  /** Catches up from a position, then follows new events as they are committed. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /**
   * The next number of a named sequence, where the store keeps sequences itself (PostgreSQL):
   * unique across processes without retries. Call `nextSequenceValue(store, name)`, which falls
   * back to reserving blocks on a stream for stores without them.
   */
  nextSequenceValue?(name: string): Promise<number>;
  close(): Promise<void>;
}
