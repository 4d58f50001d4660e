import { currentVersionOf, eventNameOf, versionOfType } from './catalogue';
import { upcast, UPCASTERS } from './upcasting';

/** Where the append writes each event's schema version, per type (see `currentVersionOf`). */
export const SCHEMA_VERSION = 'schemaVersion';

/** What every reader has of a stored event: its type, data and the metadata written at append. */
export interface EncodedEvent {
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/** The metadata field an append writes so that a reader knows which upcasters the data needs. */
export const schemaVersionMetadata = (eventName: string) => ({
  [SCHEMA_VERSION]: currentVersionOf(eventName),
});

/**
 * The one way stored data becomes a domain event: whatever version it was written at, the
 * reader gets the current shape (every deciders' fold, projection, query and the relay go
 * through here). Events stored before per-type versions carry no version: they are v1.
 * Encrypted fields (GDPR) are to be opened here too, so no reader sees the stored form.
 */
export const decodeEvent = <E extends { type: string; data: object }>(stored: EncodedEvent): E =>
  domainEvent<E>(
    stored.type,
    decodeVersioned(stored.type, schemaVersionOf(stored), stored.data as object).data,
  );

/**
 * A message of one of our topics (a CloudEvent, whose type names its version) as the current
 * domain event: consumers read old messages of a replayed topic like new ones.
 */
export const decodeMessage = <E extends { type: string; data: object }>(message: {
  type: string;
  data: unknown;
}): E => {
  const type = eventNameOf(message.type);
  return domainEvent<E>(
    type,
    decodeVersioned(type, versionOfType(message.type), message.data as object).data,
  );
};

// The single place stored data is declared to be a domain event: the contract's types describe
// the current versions, and the upcasters above made the data one.
const domainEvent = <E>(type: string, data: object) => ({ type, data }) as unknown as E;

/** The current version of the data with that version: what the relay publishes. */
export const decodeVersioned = (type: string, version: number, data: object) => {
  const current = upcast(UPCASTERS, type, version, data as Record<string, unknown>);
  return { type, data: current.data, version: current.version };
};

/** The version a stored event was written at. */
export const schemaVersionOf = (stored: EncodedEvent) => {
  const version = stored.metadata?.[SCHEMA_VERSION];
  return typeof version === 'number' ? version : 1;
};
