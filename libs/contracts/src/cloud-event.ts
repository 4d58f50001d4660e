/**
 * The envelope of every message on our topics: CloudEvents 1.0 in structured JSON mode.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md
 */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  /** The domain event's id (a UUID): consumers deduplicate by it. */
  id: string;
  /** The publishing service, e.g. `/helpdesk/tickets`. */
  source: string;
  /** Versioned, e.g. `helpdesk.ticket.registered.v1`. */
  type: string;
  /** The aggregate id (also the Kafka key, so one aggregate's events stay in order). */
  subject: string;
  /** When the event was recorded, RFC 3339. */
  time: string;
  datacontenttype: 'application/json';
  /** The JSON Schema of `data`, a URN naming the type (`urn:helpdesk:schema:<type>`). */
  dataschema: string;
  /** The event's revision in its aggregate's stream, from 0: lets subscribers spot gaps and repeats. */
  sequence: string;
  /** The request or message that started this chain of events. */
  correlationid?: string;
  /** The command or event that directly caused this one. */
  causationid?: string;
  /** W3C trace context of the publish (CloudEvents Distributed Tracing extension), as in the Kafka header. */
  traceparent?: string;
  tracestate?: string;
  data: Data;
}

export const schemaUrn = (type: string) => `urn:helpdesk:schema:${type}`;

const REQUIRED: Array<keyof CloudEvent> = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'data'];

export class MalformedMessageError extends Error {}

/** Parses a message value into a CloudEvent, refusing anything that is not one. */
export const parseCloudEvent = (value: Buffer | string | null): CloudEvent => {
  if (value === null) throw new MalformedMessageError('the message has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch (error) {
    throw new MalformedMessageError(`the message is not JSON: ${(error as Error).message}`);
  }
  const event = parsed as Partial<CloudEvent>;
  const missing = REQUIRED.filter((field) => event[field] === undefined);
  if (missing.length > 0) throw new MalformedMessageError(`not a CloudEvent: missing ${missing.join(', ')}`);
  if (event.specversion !== '1.0')
    throw new MalformedMessageError(`unsupported specversion ${event.specversion}`);
  return event as CloudEvent;
};
