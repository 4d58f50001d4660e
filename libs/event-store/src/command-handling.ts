import { randomUUID } from 'node:crypto';
import type { Decider } from './decider';
import { fold } from './decider';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore, StoredEvent } from './event-store';

/** Domain events are string-tagged plain objects; the store adds identity and metadata. */
export interface DomainEvent {
  type: string;
  data: object;
}

/** What every stored event records besides its data: who, why, in answer to what. */
export interface EventMetadata {
  correlationId: string;
  causationId?: string;
  actor: { id: string; role: string; organisationId?: string };
  occurredAt: string;
  schemaVersion: number;
}

export interface HandleCommandOptions {
  metadata: Omit<EventMetadata, 'schemaVersion'>;
  /**
   * The revision the caller saw (HTTP If-Match). When given, a concurrent change is the
   * caller's to resolve: it is reported, not retried.
   */
  expectedRevision?: number;
  /** Deterministic event ids make a redelivered message's command a replay, not a repeat. */
  eventIds?: (index: number) => string;
  maxAttempts?: number;
}

export interface HandledCommand<E, S> {
  events: E[];
  /** The aggregate after the command. */
  state: S;
  /** The stream's revision after the command: the ETag of the aggregate. */
  revision: number;
  position?: bigint;
}

const SCHEMA_VERSION = 1;
const DEFAULT_ATTEMPTS = 5;

export const toDomainEvent = <E extends DomainEvent>(stored: StoredEvent): E =>
  ({ type: stored.type, data: stored.data }) as unknown as E;

/**
 * Read, fold, decide, append with the expected revision. A concurrent writer makes the append
 * fail; without an If-Match the command is decided again on the fresh state, a bounded number
 * of times, because the decision may well still hold (two comments on one ticket).
 */
export const handleCommand = async <C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: HandleCommandOptions,
): Promise<HandledCommand<E, S>> => {
  const attempts = options.expectedRevision === undefined ? (options.maxAttempts ?? DEFAULT_ATTEMPTS) : 1;
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const revision = history.length - 1;
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(
        streamId,
        options.expectedRevision,
        revision < 0 ? 'no_stream' : revision,
      );
    }
    const before = fold(
      decider,
      history.map((e) => toDomainEvent<E>(e)),
    );
    const events = decider.decide(command, before);
    if (events.length === 0) return { events, state: before, revision };
    const metadata = { ...options.metadata, schemaVersion: SCHEMA_VERSION };
    try {
      const result = await store.append(
        streamId,
        events.map((event, i) => ({
          id: options.eventIds?.(i) ?? randomUUID(),
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: { ...metadata },
        })),
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      const state = events.reduce(decider.evolve, before);
      return { events, state, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
    }
  }
};
