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
import { createHash } from 'node:crypto';

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
  const { correlationId, causationId } = event.metadata as { correlationId?: string; causationId?: string };
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
      data,
    };
  });
};

/**
 * W3C trace context for the message: the trace id comes from the correlation id, so every
 * event of one request shares a trace; the span id from the event id.
 */
export const traceparent = (event: StoredEvent) => {
  const correlation = String((event.metadata as { correlationId?: string }).correlationId ?? event.id);
  const traceId = createHash('sha256').update(correlation).digest('hex').slice(0, 32);
  const spanId = createHash('sha256').update(event.id).digest('hex').slice(0, 16);
  return `00-${traceId}-${spanId}-01`;
};
