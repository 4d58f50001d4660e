import {
  ANY,
  type AppendExpectedRevision,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
  replayed,
  WrongExpectedRevisionError,
} from '../event-store';

/**
 * EventStoreDB, the production store the customer asked for. Its global position is the
 * (commit, prepare) pair of the transaction file, packed into one bigint like the PostgreSQL
 * adapter's, so checkpoints look the same whichever store runs.
 */
export class EventStoreDbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  static connect(connectionString: string) {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const ids = new Set(events.map((e) => e.id));
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toExpectedRevision(expected) },
      );
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: result.position ? pack(result.position) : ((await this.headPosition()) ?? 0n),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        // A replay of events already in the stream under a changed expectation is still a replay.
        const replay = replayed(await this.readStream(streamId), ids);
        if (replay) return replay;
        const actual = error.actualVersion;
        throw new WrongExpectedRevisionError(
          streamId,
          expected,
          typeof actual === 'bigint' ? Number(actual) : 'no_stream',
        );
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    const events: StoredEvent[] = [];
    try {
      const maxCount = options.toRevision === undefined ? undefined : BigInt(options.toRevision + 1);
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: START,
        maxCount,
      })) {
        const event = toStoredEvent(resolved);
        if (options.toTime && event.recordedAt > options.toTime) break;
        events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}) {
    const limit = options.limit ?? 1000;
    const events: StoredEvent[] = [];
    const fromPosition = options.fromPosition === undefined ? START : unpack(options.fromPosition);
    for await (const resolved of this.client.readAll({
      fromPosition,
      direction: FORWARDS,
      maxCount: limit + 1,
    })) {
      if (!resolved.event || resolved.event.type.startsWith('$')) continue;
      const event = toStoredEvent(resolved);
      if (options.fromPosition !== undefined && event.position <= options.fromPosition) continue; // readAll is inclusive
      events.push(event);
      if (events.length === limit) break;
    }
    return events;
  }

  async headPosition() {
    for await (const resolved of this.client.readAll({
      fromPosition: END,
      direction: 'backwards',
      maxCount: 50,
    })) {
      if (resolved.event && !resolved.event.type.startsWith('$')) return toStoredEvent(resolved).position;
    }
    return undefined;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: options.fromPosition === undefined ? START : unpack(options.fromPosition),
      filter: excludeSystemEvents(),
    });
    const done = (async () => {
      for await (const resolved of subscription) {
        if (!resolved.event) continue;
        await options.onEvent(toStoredEvent(resolved));
      }
    })().catch((error) => options.onError?.(error));
    return {
      stop: async () => {
        await subscription.unsubscribe();
        await done;
      },
    };
  }

  close() {
    return this.client.dispose();
  }
}

const SHIFT = 64n;
const pack = (position: Position) => (position.commit << SHIFT) | position.prepare;
const unpack = (packed: bigint): Position => ({
  commit: packed >> SHIFT,
  prepare: packed & ((1n << SHIFT) - 1n),
});

const toExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any'
    ? ANY
    : expected === 'no_stream'
      ? NO_STREAM
      : expected === 'stream_exists'
        ? STREAM_EXISTS
        : BigInt(expected);

const toStoredEvent = (resolved: ResolvedEvent): StoredEvent => {
  const event = resolved.event!;
  return {
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: (event.metadata ?? {}) as Record<string, unknown>,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: event.position ? pack(event.position) : (resolved.commitPosition ?? 0n) << SHIFT,
    recordedAt: new Date(event.created),
  };
};
