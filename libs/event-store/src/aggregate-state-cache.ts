import { LRUCache } from 'lru-cache';
import type { EventStore } from './event-store';

/** A stream's state as a decider folded it, at the stream's revision. */
export interface KnownState<S = unknown> {
  revision: number;
  state: S;
  /** The decider's initial state: identifies the kind of aggregate (deciders may be built per call). */
  foldedFrom: unknown;
}

/** The last state this process saw of each recently used stream. */
export interface AggregateStates {
  recall(streamId: string): KnownState | undefined;
  remember(streamId: string, known: KnownState): void;
  forget(streamId: string): void;
}

/** An event store that also remembers aggregate states (see `withAggregateStateCache`). */
export interface StateCachingEventStore extends EventStore {
  readonly aggregateStates: AggregateStates;
}

/** Aggregates kept per process: a busy desk's open tickets, a few KB each. */
export const CACHED_AGGREGATES = 10_000;

/**
 * Decorates an event store with the state of recently used streams, so that a command on one
 * needs no read (most commands follow another on the same aggregate). The runtime chooses it in
 * one place for every handler of the process; `handleCommand` uses it when the store has it.
 * It is only a guess: the append still expects the remembered revision, so a write from another
 * process makes it fail and the command is decided again on the stream as read. Any append
 * through this store forgets the stream, so a writer that is not a command cannot leave it stale.
 */
export const withAggregateStateCache = (
  store: EventStore,
  max: number = CACHED_AGGREGATES,
): StateCachingEventStore => {
  const states = new LRUCache<string, KnownState>({ max });
  const aggregateStates: AggregateStates = {
    recall: (streamId) => states.get(streamId),
    remember: (streamId, known) => void states.set(streamId, known),
    forget: (streamId) => void states.delete(streamId),
  };
  return new Proxy(store as StateCachingEventStore, {
    get(target, property) {
      if (property === 'aggregateStates') return aggregateStates;
      if (property === 'append')
        return (...args: Parameters<EventStore['append']>) => {
          states.delete(args[0]);
          return target.append(...args);
        };
      if (property === 'appendToStreams')
        return (appends: Parameters<EventStore['appendToStreams']>[0]) => {
          for (const { streamId } of appends) states.delete(streamId);
          return target.appendToStreams(appends);
        };
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

/** The store's state cache, when the runtime chose one. */
export const aggregateStatesOf = (store: EventStore): AggregateStates | undefined =>
  (store as Partial<StateCachingEventStore>).aggregateStates;
