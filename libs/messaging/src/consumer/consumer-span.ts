import { contextOf, inSpan, SpanKind } from '@helpdesk/contracts';
import type { ConsumedEvent } from './consumed-event';

/**
 * Handles a consumed event in a span of the trace its publisher started: the Kafka headers'
 * `traceparent` first, else the CloudEvent's own (its Distributed Tracing extension, what the
 * in-process consumer has). Retries and a dead letter are in the same span.
 */
export const inConsumerSpan = <T>(
  group: string,
  message: ConsumedEvent,
  headers: Record<string, unknown> | undefined,
  work: () => Promise<T>,
): Promise<T> =>
  inSpan(
    `process ${message.topic}`,
    {
      kind: SpanKind.CONSUMER,
      parent: contextOf(headers, message.event as unknown as Record<string, unknown>),
      correlationId: message.event.correlationid,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': message.topic,
        'messaging.consumer.group.name': group,
        'messaging.message.id': message.event.id,
        'messaging.kafka.offset': message.offset,
        'cloudevents.event_type': message.event.type,
      },
    },
    work,
  );
