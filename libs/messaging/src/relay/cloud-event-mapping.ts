import {
  type CloudEvent,
  cloudEventType,
  decodeVersioned,
  DOWNCASTERS,
  publishedForms,
  schemaUrn,
  schemaVersionOf,
} from '@helpdesk/contracts';

export { cloudEventType };
import type { StoredEvent } from '@helpdesk/event-store';

export interface RelaySource {
  /** The publishing service, e.g. `/helpdesk/tickets`. */
  source: string;
  /** The aggregate's name in event types, e.g. `ticket`. */
  aggregate: string;
  /** Its streams' prefix, e.g. `ticket-`; the rest of the stream id is the subject and the key. */
  streamPrefix: string;
}

/** The stored event as its current published version: older stored versions are upcast, never rewritten. */
export const toCloudEvent = (event: StoredEvent, from: RelaySource): CloudEvent =>
  toCloudEvents(event, from)[0];

/**
 * Every message the relay publishes for the stored event: its current version, then each earlier
 * version still published for subscribers that read only that one (downcast, same event id).
 */
export const toCloudEvents = (event: StoredEvent, from: RelaySource): CloudEvent[] => {
  const { correlationId, causationId, traceparent, tracestate } = event.metadata as {
    correlationId?: string;
    causationId?: string;
    traceparent?: string;
    tracestate?: string;
  };
  const current = decodeVersioned(event.type, schemaVersionOf(event), event.data);
  return publishedForms(DOWNCASTERS, event.type, current).map(({ version, data }) => {
    const type = cloudEventType(from.aggregate, event.type, version);
    return {
      specversion: '1.0',
      id: event.id,
      source: from.source,
      type,
      subject: event.streamId.slice(from.streamPrefix.length),
      time: event.recordedAt.toISOString(),
      datacontenttype: 'application/json',
      dataschema: schemaUrn(type),
      sequence: String(event.revision),
      ...(correlationId ? { correlationid: correlationId } : {}),
      ...(causationId ? { causationid: causationId } : {}),
      // The append's trace context: the relay replaces it with its publish span's.
      ...(traceparent ? { traceparent } : {}),
      ...(tracestate ? { tracestate } : {}),
      data,
    };
  });
};
