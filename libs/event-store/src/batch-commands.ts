import { decodeEvent, schemaVersionMetadata, traceCarrierOf } from '@helpdesk/contracts';
import { type Decider, fold } from '@helpdesk/decider';
import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventMetadata } from './command-handling';
import { DuplicateEventError, WrongExpectedRevisionError } from './errors';
import type { EventStore, NewEvent, StoredEvent, StreamAppend } from './event-store';

/** One command of a stream's share of a batch, with what `handleCommand` would be given for it. */
export interface BatchedCommand<C> {
  command: C;
  metadata: Omit<EventMetadata, 'schemaVersion'>;
  /** Deterministic ids make a redelivered batch a replay, not a repeat. */
  eventIds?: (index: number) => string;
}

export interface StreamCommands<C, E, S> {
  streamId: string;
  decider: Decider<C, E, S>;
  /** The commands to decide in turn on the stream as stored (its history lets a caller skip what it holds). */
  commands: (history: StoredEvent[]) => BatchedCommand<C>[];
}

/** Per stream: the events it was given, or why its commands could not be decided (nothing of it appended). */
export type StreamOutcome<E> = { events: E[] } | { failed: unknown };

/**
 * Decides commands on many streams from one read of them all (readStreams), and appends every
 * stream's events with one appendToStreams, each expecting the revision it read: as many
 * `handleCommand`s, for two round trips in all. A stream whose decision throws (a refusal, a
 * bug) appends nothing and is answered `failed`, for the caller to handle alone. A batch the
 * store refuses (a conflict, a duplicate id) is not retried here: streams may then be stored or
 * not, so every stream is answered `failed` and the caller handles each alone (`handleCommand`
 * decides again on what is stored, and deterministic ids or the decision itself make a stored
 * one a replay). Any other error of the store is thrown.
 */
export const handleCommandsOnStreams = async <C, E extends DomainEvent, S>(
  store: EventStore,
  work: StreamCommands<C, E, S>[],
): Promise<StreamOutcome<E>[]> => {
  const histories = await store.readStreams(work.map((w) => w.streamId));
  const appends: StreamAppend[] = [];
  const outcomes = work.map(({ streamId, decider, commands }, s): StreamOutcome<E> => {
    const history = histories[s];
    try {
      let state = fold(
        decider,
        history.map((e) => decodeEvent<E>(e)),
      );
      const decided: E[] = [];
      const stored: NewEvent[] = [];
      for (const { command, metadata, eventIds } of commands(history)) {
        const events = decider.decide(command, state);
        state = events.reduce(decider.evolve, state);
        decided.push(...events);
        stored.push(
          ...events.map((event, i) => ({
            id: eventIds?.(i) ?? randomUUID(),
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: { ...metadata, ...schemaVersionMetadata(event.type), ...traceCarrierOf() },
          })),
        );
      }
      if (stored.length > 0)
        appends.push({
          streamId,
          events: stored,
          expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1,
        });
      return { events: decided };
    } catch (failed) {
      return { failed };
    }
  });
  if (appends.length === 0) return outcomes;
  try {
    await store.appendToStreams(appends);
  } catch (failed) {
    if (!(failed instanceof WrongExpectedRevisionError || failed instanceof DuplicateEventError))
      throw failed;
    return work.map(() => ({ failed }));
  }
  return outcomes;
};
