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
  type SubscribeOptions,
} from './event-store';
import { AppendSignal, followGlobalLog } from './subscription';

/**
 * The reference adapter, for unit tests: the same rules as the real stores, in memory.
 * Positions are 1, 2, 3...; every method body runs without awaiting, so each call is atomic.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
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
      events.flatMap((e) => this.byId.get(e.id) ?? []),
    );
    if (replay) return replay;
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length - 1;
    if (!revisionMatches(expectedRevision, actual)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, actual < 0 ? 'no_stream' : actual);
    }
    if (events.length === 0) return { nextExpectedRevision: actual, position: this.head() ?? 0n };
    const recordedAt = this.clock();
    const stored = events.map((event, i) => ({
      ...copy(event),
      streamId,
      revision: actual + 1 + i,
      position: BigInt(this.log.length + 1 + i),
      recordedAt,
    }));
    this.log.push(...stored);
    this.streams.set(streamId, [...stream, ...stored]);
    for (const event of stored) this.byId.set(event.id, event);
    this.appends.signal();
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    return (this.streams.get(streamId) ?? [])
      .filter((e) => options.toRevision === undefined || e.revision <= options.toRevision)
      .filter((e) => options.toTime === undefined || e.recordedAt <= options.toTime)
      .map(copy);
  }

  async readAll(options: ReadAllOptions = {}) {
    const from = Number(options.fromPosition ?? 0n);
    const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
    const { streamPrefix } = options;
    if (streamPrefix === undefined) return this.log.slice(from, from + limit).map(copy);
    const found: StoredEvent[] = [];
    for (let i = from; i < this.log.length && found.length < limit; i++)
      if (this.log[i].streamId.startsWith(streamPrefix)) found.push(copy(this.log[i]));
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
}

export const createInMemoryEventStore = (clock?: () => Date): EventStore => new InMemoryEventStore(clock);

/** Callers must not be able to change what is stored through the objects they get back. */
const copy = <E extends NewEvent>(event: E): E => ({
  ...event,
  data: structuredClone(event.data),
  metadata: structuredClone(event.metadata),
});
