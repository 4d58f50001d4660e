import { InMemoryEventStore } from '@helpdesk/event-store';
import { InMemoryCheckpointStore } from '@helpdesk/read-models';
import { eventually, recordSpans, type RecordedSpans, requireInfra } from '@helpdesk/test-infra';
import { SpanKind } from '@opentelemetry/api';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { ensureTopics } from '../kafka/topics-admin';
import { EventRelay } from './event-relay';

const kafka = new Kafka({
  clientId: 'relay-tracing-test',
  brokers: requireInfra('KAFKA_BROKERS').split(','),
  logLevel: logLevel.NOTHING,
});
const topic = `relay-tracing-${randomUUID()}`;

/** The relay continues each event's trace: the append's context is the publish span's parent. */
describe('EventRelay with tracing on (real broker)', () => {
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: `relay-tracing-reader-${randomUUID()}` });
  const received: Array<{ header?: string; inEvent?: string; id: string }> = [];
  let spans: RecordedSpans;
  beforeAll(async () => {
    spans = recordSpans();
    await admin.connect();
    await ensureTopics(admin, [topic], { partitions: 1, retentionMs: 3600000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(String(message.value));
        received.push({
          header: message.headers?.traceparent?.toString(),
          inEvent: event.traceparent,
          id: event.id,
        });
      },
    });
  });
  afterAll(async () => {
    await consumer.disconnect();
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
    await spans.stop();
  });

  it('publishes each event in the trace it was appended in, the same context in header and CloudEvent', async () => {
    const store = new InMemoryEventStore();
    const traces = ['1', '2'].map((digit) => ({ traceId: digit.repeat(32), spanId: digit.repeat(16) }));
    const ids = traces.map(() => randomUUID());
    // One page with events of two requests.
    for (const [i, { traceId, spanId }] of traces.entries())
      await store.append(
        `ticket-${i}`,
        [
          {
            id: ids[i],
            type: 'CommentAdded',
            data: { ticketId: `${i}` },
            metadata: { correlationId: `req-${i}`, traceparent: `00-${traceId}-${spanId}-01` },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    const relay = new EventRelay({
      store,
      kafka,
      topic,
      checkpoints: new InMemoryCheckpointStore(),
      source: '/helpdesk/tickets',
      aggregate: 'ticket',
      streamPrefix: 'ticket-',
    });
    await relay.start();
    try {
      await eventually(
        () => received,
        (messages) => messages.length === 2,
        30000,
      );
    } finally {
      await relay.stop();
    }
    for (const [i, { traceId, spanId }] of traces.entries()) {
      const publish = spans.ofTrace(traceId).find((span) => span.name === `publish ${topic}`)!;
      expect(publish.kind).toBe(SpanKind.PRODUCER);
      expect(publish.parentSpanContext?.spanId).toBe(spanId);
      expect(publish.attributes['messaging.message.id']).toBe(ids[i]);
      const message = received.find((m) => m.id === ids[i])!;
      expect(message.header).toBe(`00-${traceId}-${publish.spanContext().spanId}-01`);
      expect(message.inEvent).toBe(message.header);
    }
  });
});
