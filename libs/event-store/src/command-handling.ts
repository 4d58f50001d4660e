import { LRUCache } from 'lru-cache';
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
  /** The caller made the stream's id up just now (a new aggregate): there is nothing to read. */
  newStream?: boolean;
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
/** Aggregates kept per store and decider: a busy desk's open tickets, a few KB each. */
const CACHED_AGGREGATES = 10_000;

interface KnownState {
  revision: number;
  state: unknown;
}

const knownStates = new WeakMap<EventStore, WeakMap<object, LRUCache<string, KnownState>>>();

/**
 * The last state this process saw of each recently used stream, so that a command on it needs
 * no read (most commands follow another on the same aggregate). It is only a guess: the append
 * still expects the cached revision, so a write from elsewhere makes it fail, and the command
 * is then decided again on the stream as read.
 */
const statesOf = (store: EventStore, decider: object) => {
  const ofStore = knownStates.get(store) ?? new WeakMap<object, LRUCache<string, KnownState>>();
  knownStates.set(store, ofStore);
  const states = ofStore.get(decider) ?? new LRUCache<string, KnownState>({ max: CACHED_AGGREGATES });
  ofStore.set(decider, states);
  return states;
};

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
  const states = statesOf(store, decider);
  let trustCache = true;
  for (let attempt = 1; ;) {
    // The guess: the state last seen here, or an empty stream when the caller just made its id up.
    const fresh = options.newStream ? { revision: -1, state: decider.initialState } : undefined;
    const guess = trustCache ? (states.get(streamId) ?? fresh) : undefined;
    // A guess other than the caller's If-Match cannot answer it: read what is stored.
    const guessed =
      guess && (options.expectedRevision === undefined || options.expectedRevision === guess.revision)
        ? (guess as { revision: number; state: S })
        : undefined;
    const { revision, state: before } = guessed ?? (await readState(store, decider, streamId));
    if (!guessed) states.set(streamId, { revision, state: before });
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(
        streamId,
        options.expectedRevision,
        revision < 0 ? 'no_stream' : revision,
      );
    }
    // Only an append checks the guess: a refusal, or deciding nothing, must hold on the stream as stored.
    const events = guessed ? decideOrUndefined(decider, command, before) : decider.decide(command, before);
    if (!events || (guessed && events.length === 0)) {
      trustCache = false;
      continue;
    }
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
      // A replay of events stored before answers with their old revision: then this state is not one.
      if (result.nextExpectedRevision === revision + events.length)
        states.set(streamId, { revision: result.nextExpectedRevision, state });
      else states.delete(streamId);
      return { events, state, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      states.delete(streamId);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Losing to a write this process had not seen is the cache's miss, not an attempt.
      if (guessed) trustCache = false;
      else if (++attempt > attempts) throw error;
    }
  }
};

const decideOrUndefined = <C, E, S>(decider: Decider<C, E, S>, command: C, state: S) => {
  try {
    return decider.decide(command, state);
  } catch {
    return undefined;
  }
};

const readState = async <C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
) => {
  const history = await store.readStream(streamId);
  return {
    revision: history.length - 1,
    state: fold(
      decider,
      history.map((e) => toDomainEvent<E>(e)),
    ),
  };
};
