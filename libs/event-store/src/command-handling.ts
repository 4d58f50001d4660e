import { decodeEvent, inSpan, inSyncSpan, schemaVersionMetadata, traceCarrierOf } from '@helpdesk/contracts';
import { type Decider, DomainError, fold } from '@helpdesk/decider';
import { randomUUID } from 'node:crypto';
import { aggregateStatesOf, type KnownState } from './aggregate-state-cache';
import { WrongExpectedRevisionError } from './errors';
import type { EventStore } from './event-store';
import { InTurn } from './in-turn';

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
  /** The version of its type's data, per type (`currentVersionOf` in libs/contracts). */
  schemaVersion: number;
  /** W3C trace context of the append, when traced: the relay continues the trace from it. */
  traceparent?: string;
  tracestate?: string;
}

/**
 * How often a command that lost to a concurrent writer is decided again when nobody sent an
 * If-Match: enough for a burst of writers on one stream (ten comments at once: the last one
 * loses up to nine races), each retry after a short random pause so they do not collide again.
 */
export const DEFAULT_CONFLICT_RETRIES = 10;

/** The pause before deciding again after the n-th lost race: random, growing, under 50 ms. */
const conflictPause = (lost: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * lost)));

export interface HandleCommandOptions {
  metadata: Omit<EventMetadata, 'schemaVersion'>;
  /**
   * The revision the caller saw (HTTP If-Match). When given, a concurrent change is the
   * caller's to resolve: it is reported, never retried.
   */
  expectedRevision?: number;
  /**
   * Without an If-Match, how many times a command is decided again on the fresh stream after
   * losing to a concurrent writer (the decision may well still hold: two comments on one
   * ticket). Bounded: the last conflict is reported. Default DEFAULT_CONFLICT_RETRIES.
   */
  retryOnConflict?: number;
  /** @deprecated Use retryOnConflict (attempts = retries + 1). */
  maxAttempts?: number;
  /** Deterministic event ids make a redelivered message's command a replay, not a repeat. */
  eventIds?: (index: number) => string;
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

const retriesOf = (options: HandleCommandOptions) => {
  if (options.expectedRevision !== undefined) return 0;
  if (options.retryOnConflict !== undefined) return options.retryOnConflict;
  return options.maxAttempts !== undefined ? options.maxAttempts - 1 : DEFAULT_CONFLICT_RETRIES;
};

/**
 * Read, fold, decide, append with the expected revision. A concurrent writer makes the append
 * fail; the command is then decided again on the fresh state, at most `retryOnConflict` times.
 * When the store keeps aggregate states (`withAggregateStateCache`), the state last seen here
 * is a guess that spares the read; only an append confirms it.
 */
export const handleCommand = <C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: HandleCommandOptions,
): Promise<HandledCommand<E, S>> =>
  inSpan(
    `command ${streamCategory(streamId)}`,
    {
      attributes: { 'helpdesk.stream': streamId, 'helpdesk.correlation_id': options.metadata.correlationId },
      correlationId: options.metadata.correlationId,
    },
    async (span) => {
      const handled = await turnsOn(store).run(streamId, () =>
        decideAndAppend(store, decider, streamId, command, options),
      );
      span.setAttribute('helpdesk.events', handled.events.length);
      return handled;
    },
  );

/**
 * Commands on one stream in one process take turns: ten comments on a ticket at once then each
 * decide on the state the one before left (remembered, so with no read), instead of racing to
 * append on the same revision, every loser paying a refused statement, a read and a retry; under
 * load those retries took more of the server than the commands. Writers in other processes still
 * race, and lose as before.
 */
const turns = new WeakMap<EventStore, InTurn>();
const turnsOn = (store: EventStore) => {
  let inTurn = turns.get(store);
  if (!inTurn) turns.set(store, (inTurn = new InTurn()));
  return inTurn;
};

/** `ticket-3f2a…` is of the category `ticket`: span names stay few, the stream is an attribute. */
const streamCategory = (streamId: string) => streamId.split('-')[0];

const decideAndAppend = async <C, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: HandleCommandOptions,
): Promise<HandledCommand<E, S>> => {
  const states = aggregateStatesOf(store);
  const retries = retriesOf(options);
  let lostRaces = 0;
  let mayGuess = true;
  for (;;) {
    const guess = mayGuess ? guessState(states?.recall(streamId), decider, options) : undefined;
    const { revision, state: before } = guess ?? (await readState(store, decider, streamId));
    if (!guess) states?.remember(streamId, { revision, state: before, foldedFrom: decider.initialState });
    if (options.expectedRevision !== undefined && options.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(
        streamId,
        options.expectedRevision,
        revision < 0 ? 'no_stream' : revision,
      );
    }
    // Only an append checks a guess: a refusal, or deciding nothing, must hold on the stream as stored.
    const events = inSyncSpan('decide', { 'helpdesk.guessed_state': Boolean(guess) }, () =>
      guess ? decideOnGuess(decider, command, before) : decider.decide(command, before),
    );
    if (!events || (guess && events.length === 0)) {
      mayGuess = false;
      continue;
    }
    if (events.length === 0) return { events, state: before, revision };
    try {
      const result = await inSpan('append', { attributes: { 'helpdesk.revision': revision } }, () =>
        store.append(
          streamId,
          events.map((event, i) => ({
            id: options.eventIds?.(i) ?? randomUUID(),
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: { ...options.metadata, ...schemaVersionMetadata(event.type), ...traceCarrierOf() },
          })),
          { expectedRevision: revision < 0 ? 'no_stream' : revision },
        ),
      );
      const state = events.reduce(decider.evolve, before);
      // A replay of events stored before answers with their old revision: then this state is not one.
      if (result.nextExpectedRevision === revision + events.length)
        states?.remember(streamId, {
          revision: result.nextExpectedRevision,
          state,
          foldedFrom: decider.initialState,
        });
      return { events, state, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      states?.forget(streamId);
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Losing to a write this process had not seen is the guess's miss, not a retry.
      if (guess) mayGuess = false;
      else if (++lostRaces > retries) throw error;
      else await conflictPause(lostRaces);
    }
  }
};

/** The remembered state, or an empty stream when the caller just made its id up; none the If-Match contradicts. */
const guessState = <S>(
  known: KnownState | undefined,
  decider: Decider<unknown, unknown, S>,
  options: HandleCommandOptions,
): { revision: number; state: S } | undefined => {
  const remembered =
    known && known.foldedFrom === decider.initialState ? (known as KnownState<S>) : undefined;
  const guess = remembered ?? (options.newStream ? { revision: -1, state: decider.initialState } : undefined);
  // A guess other than the caller's If-Match cannot answer it: read what is stored.
  if (!guess || (options.expectedRevision !== undefined && options.expectedRevision !== guess.revision))
    return undefined;
  return guess;
};

/** A refusal on a guess is no answer (the stream may differ); any other failure is a bug, and surfaces. */
const decideOnGuess = <C, E, S>(decider: Decider<C, E, S>, command: C, state: S): E[] | undefined => {
  try {
    return decider.decide(command, state);
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
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
      history.map((e) => decodeEvent<E>(e)),
    ),
  };
};
