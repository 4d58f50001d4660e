// Between our port's values and the EventStoreDB client's.
import {
  ANY,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import type { ExpectedRevision, StoredEvent } from '../event-store';

const SHIFT = 64n;
const LOW = (1n << SHIFT) - 1n;

/** (commit, prepare) packed into one bigint: ordered as the server orders $all. */
export const fromEsdbPosition = (position: Position) => (position.commit << SHIFT) | position.prepare;

export const toEsdbPosition = (packed: bigint): Position => ({
  commit: packed >> SHIFT,
  prepare: packed & LOW,
});

export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any'
    ? ANY
    : expected === 'no_stream'
      ? NO_STREAM
      : expected === 'stream_exists'
        ? STREAM_EXISTS
        : BigInt(expected);

/** Events the server writes for itself ($-types such as $metadata, $-streams such as $stats). */
export const isSystemEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent) =>
  !resolved.event || resolved.event.type.startsWith('$') || resolved.event.streamId.startsWith('$');

export const toStoredEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent => {
  const event = resolved.event!;
  const commit = resolved.commitPosition ?? 0n;
  return {
    id: event.id,
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: (event.metadata ?? {}) as Record<string, unknown>,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: fromEsdbPosition(event.position ?? { commit, prepare: commit }),
    recordedAt: new Date(event.created),
  };
};
