import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  DuplicateEventError,
  replayed,
  WrongExpectedRevisionError,
} from './event-store';
import { followGlobalLog, WakeUps } from './subscription';

/** The reference adapter, for unit tests: the same rules as the real stores, in memory. */
export class InMemoryEventStore implements EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly wakeUps = new WakeUps();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const replay = replayed(stream, new Set(events.map((e) => e.id)));
    if (replay) return replay;
    const actual = stream.length - 1;
    if (!revisionMatches(expected, actual)) {
      throw new WrongExpectedRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual);
    }
    if (events.length === 0) return { nextExpectedRevision: actual, position: this.lastPosition() ?? 0n };
    const ids = new Set(this.log.map((e) => e.id));
    const duplicate = events.find((e) => ids.has(e.id));
    if (duplicate) throw new DuplicateEventError(streamId, duplicate.id);
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
    this.wakeUps.wake();
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
    return this.log.slice(from, from + (options.limit ?? Infinity)).map(copy);
  }

  async headPosition() {
    return this.lastPosition();
  }

  subscribeToAll(options: SubscribeOptions) {
    return followGlobalLog((o) => this.readAll(o), options, this.wakeUps, 1000);
  }

  async close() {}

  private lastPosition() {
    return this.log.length ? BigInt(this.log.length) : undefined;
  }
}

/** `actual` is the stream's last revision, -1 when it does not exist. */
export const revisionMatches = (expected: ExpectedRevision, actual: number) =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === -1) ||
  (expected === 'stream_exists' && actual >= 0) ||
  expected === actual;

/** Callers must not be able to change what is stored through the objects they get back. */
const copy = <E extends NewEvent>(event: E): E => ({
  ...event,
  data: structuredClone(event.data),
  metadata: structuredClone(event.metadata),
});
