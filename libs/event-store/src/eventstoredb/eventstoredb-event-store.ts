import {
  type AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  START,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { answerToRepeat, checkAppend } from '../append-rules';
import { WrongExpectedRevisionError } from '../errors';
import {
  type AppendOptions,
  type AppendResult,
  DEFAULT_READ_ALL_LIMIT,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from '../event-store';
import { appendOneByOne, readOneByOne } from '../one-by-one';
import {
  fromEsdbPosition,
  isSystemEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toStoredEvent,
} from './eventstoredb-mapping';

/**
 * EventStoreDB, the production store the customer asked for. The server orders $all and
 * pushes subscriptions itself; its global position is the (commit, prepare) pair of its
 * transaction file, packed into one bigint like the PostgreSQL adapter's. System events are
 * left out everywhere. Needs a server of 22.6 or later (stream reads carry positions) and a
 * user that may read $all.
 */
export class EventStoreDbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  static connect(connectionString: string) {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions | ExpectedRevision,
  ): Promise<AppendResult> {
    const expectedRevision = checkAppend(streamId, events, options);
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toEsdbExpectedRevision(expectedRevision) },
      );
      return await this.lastAppended(streamId, events, result);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // The server is idempotent only under the expectation it first saw; a retry that expects
      // something else is still a replay when every event is in the stream.
      const ids = new Set(events.map((e) => e.id));
      const replay = answerToRepeat(
        streamId,
        events,
        (await this.readStream(streamId)).filter((e) => ids.has(e.id)),
      );
      if (replay) return replay;
      const actual = error.actualVersion;
      throw new WrongExpectedRevisionError(
        streamId,
        expectedRevision,
        typeof actual === 'bigint' ? Number(actual) : 'no_stream',
      );
    }
  }

  /** The server appends one stream per call: the streams in turn, each as `append`. */
  appendToStreams(appends: StreamAppend[]) {
    return appendOneByOne(this, appends);
  }

  readStreams(streamIds: string[]) {
    return readOneByOne(this, streamIds);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    if (options.toRevision !== undefined && options.toRevision < 0) return [];
    const count = options.toRevision === undefined ? undefined : options.toRevision + 1;
    return this.readRevisions(streamId, 0, count, options.toTime);
  }

  /**
   * Pages over $all until `limit` events of ours are found, skipping the server's own. The
   * client's readAll takes no filter (its subscription does: the relay follows a filtered one),
   * so a stream prefix is applied here.
   */
  async readAll(options: ReadAllOptions = {}) {
    const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
    const events: StoredEvent[] = [];
    let after = options.fromPosition;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: after === undefined ? START : toEsdbPosition(after),
        direction: FORWARDS,
        maxCount: limit + 1,
      })) {
        read++;
        if (!resolved.event) continue;
        const event = toStoredEvent(resolved);
        if (after !== undefined && event.position <= after) continue; // reads start at the position itself
        after = event.position;
        if (isSystemEvent(resolved)) continue;
        if (options.streamPrefix !== undefined && !event.streamId.startsWith(options.streamPrefix)) continue;
        events.push(event);
        if (events.length === limit) return events;
      }
      if (read < limit + 1) return events;
    }
  }

  async headPosition() {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS })) {
      if (!isSystemEvent(resolved)) return toStoredEvent(resolved).position;
    }
    return undefined;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    let stopped = false;
    const subscription = this.client.subscribeToAll({
      fromPosition: options.fromPosition === undefined ? START : toEsdbPosition(options.fromPosition),
      // Filtered in the server: a prefix of ours never matches a system stream (`$...`).
      filter:
        options.streamPrefix === undefined
          ? excludeSystemEvents()
          : streamNameFilter({ prefixes: [options.streamPrefix] }),
    });
    const done = (async () => {
      for await (const resolved of subscription) {
        if (stopped) return; // the client may still hand over what it had buffered
        if (isSystemEvent(resolved)) continue;
        const event = toStoredEvent(resolved);
        // EventStoreDB pushes events one by one; a batch consumer gets pages of one.
        await (options.onBatch ? options.onBatch([event]) : options.onEvent(event));
      }
    })().catch(async (error) => {
      if (stopped) return;
      stopped = true;
      await subscription.unsubscribe().catch(() => undefined);
      if (options.onError) options.onError(error);
      else console.error('event store subscription stopped', error);
    });
    return {
      stop: async () => {
        stopped = true;
        await subscription.unsubscribe();
        await done;
      },
    };
  }

  close() {
    return this.client.dispose();
  }

  private async readRevisions(streamId: string, from: number, count?: number, toTime?: Date) {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: from === 0 ? START : BigInt(from),
        maxCount: count === undefined ? undefined : BigInt(count),
      })) {
        const event = toStoredEvent(resolved);
        if (toTime && event.recordedAt > toTime) break;
        events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * The server reports one position for a whole append, which for several events is not the
   * last event's own (and for a replay there may be none); callers wait for that event.
   */
  private async lastAppended(streamId: string, events: NewEvent[], result: EsdbAppendResult) {
    const revision = Number(result.nextExpectedRevision);
    const lastId = events[events.length - 1]?.id;
    if (lastId === undefined)
      return { nextExpectedRevision: revision, position: (await this.headPosition()) ?? 0n };
    if (result.position && events.length === 1) {
      return { nextExpectedRevision: revision, position: fromEsdbPosition(result.position) };
    }
    const [atRevision] = revision < 0 ? [] : await this.readRevisions(streamId, revision, 1);
    const last =
      atRevision?.id === lastId ? atRevision : (await this.readStream(streamId)).find((e) => e.id === lastId);
    if (!last) throw new Error(`${streamId}: appended event ${lastId} cannot be read back`);
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}

export const createEventStoreDbStore = (connectionString: string): EventStore =>
  EventStoreDbEventStore.connect(connectionString);
