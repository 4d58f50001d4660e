import { compactJson, flatString } from './compact-json';
import { answerToRepeat, checkAppend, revisionMatches } from './append-rules';
import { WrongExpectedRevisionError } from './errors';
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
} from './event-store';
import { appendOneByOne, readOneByOne } from './one-by-one';
import { AppendSignal, followGlobalLog } from './subscription';

/**
 * An event as kept: its data and metadata as one JSON text, as the real stores keep them (and
 * with their JSON semantics). A graph of objects per event, each string its own copy, was most
 * of the memory of a benchmark holding 100,000 SLA clocks' events.
 */
interface Kept {
  id: string;
  type: string;
  streamId: string;
  revision: number;
  recordedAt: number;
  body: string;
}

/**
 * The reference adapter, for unit tests: the same rules as the real stores, in memory.
 * Positions are 1, 2, 3... (an event's place in the log, plus one); every method body runs
 * without awaiting, so each call is atomic.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: Kept[] = [];
  /** Per stream, the places of its events in the log. */
  private readonly streams = new Map<string, number[]>();
  private readonly byId = new Map<string, number>();
  private readonly appends = new AppendSignal();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(
    streamId: string,
    events: NewEvent[],
    options: AppendOptions | ExpectedRevision,
  ): Promise<AppendResult> {
    const expectedRevision = checkAppend(streamId, events, options);
    const replay = answerToRepeat(
      streamId,
      events,
      events.flatMap((e) => {
        const at = this.byId.get(e.id);
        return at === undefined ? [] : [this.stored(at)];
      }),
    );
    if (replay) return replay;
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length - 1;
    if (!revisionMatches(expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, actual < 0 ? 'no_stream' : actual);
    }
    if (events.length === 0) return { nextExpectedRevision: actual, position: this.head() ?? 0n };
    const recordedAt = this.clock().getTime();
    const added = events.map(({ id, type, data, metadata }, i) => {
      const at = this.log.length;
      this.log.push({
        id: flatString(id),
        type,
        streamId: flatString(streamId),
        revision: actual + 1 + i,
        recordedAt,
        body: compactJson([data, metadata]),
      });
      this.byId.set(id, at);
      return at;
    });
    // A new array of the exact length: one grown by push keeps room for 16 more places.
    this.streams.set(streamId, [...stream, ...added]);
    this.appends.signal();
    return { nextExpectedRevision: actual + events.length, position: this.head()! };
  }

  appendToStreams(appends: StreamAppend[]) {
    return appendOneByOne(this, appends);
  }

  readStreams(streamIds: string[]) {
    return readOneByOne(this, streamIds);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    const toTime = options.toTime?.getTime();
    return (this.streams.get(streamId) ?? [])
      .filter((at) => options.toRevision === undefined || this.log[at].revision <= options.toRevision)
      .filter((at) => toTime === undefined || this.log[at].recordedAt <= toTime)
      .map((at) => this.stored(at));
  }

  async readAll(options: ReadAllOptions = {}) {
    const from = Number(options.fromPosition ?? 0n);
    const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
    const { streamPrefix } = options;
    const found: StoredEvent[] = [];
    for (let at = from; at < this.log.length && found.length < limit; at++)
      if (streamPrefix === undefined || this.log[at].streamId.startsWith(streamPrefix))
        found.push(this.stored(at));
    return found;
  }

  async headPosition() {
    return this.head();
  }

  subscribeToAll(options: SubscribeOptions) {
    return followGlobalLog((o) => this.readAll(o), options, this.appends, 1000);
  }

  async close() {}

  private head() {
    return this.log.length ? BigInt(this.log.length) : undefined;
  }

  /** A fresh copy each time: callers cannot change what is stored through what they get back. */
  private stored(at: number): StoredEvent {
    const { id, type, streamId, revision, recordedAt, body } = this.log[at];
    const [data, metadata] = JSON.parse(body) as [Record<string, unknown>, Record<string, unknown>];
    return {
      id,
      type,
      data,
      metadata,
      streamId,
      revision,
      position: BigInt(at + 1),
      recordedAt: new Date(recordedAt),
    };
  }
}

export const createInMemoryEventStore = (clock?: () => Date): EventStore => new InMemoryEventStore(clock);
