import { type CloudEvent, deadLetterTopic } from '@helpdesk/contracts';
import { requireInfra } from '@helpdesk/test-infra';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { ConsumedEvent } from '../consumer/consumed-event';
import { InMemoryProcessedEvents } from '../consumer/processed-events';
import { KafkaEventConsumer } from './kafka-event-consumer';
import { testCloudEvent } from './test-cloud-event';
import { ensureTopics } from './topics-admin';

const kafka = new Kafka({
  clientId: 'consumer-test',
  brokers: requireInfra('KAFKA_BROKERS').split(','),
  logLevel: logLevel.NOTHING,
});
const topic = `consumer-test-${randomUUID()}`;
const subjects = ['ticket-1', 'ticket-2', 'ticket-3', 'ticket-4'];

const cloudEvent = testCloudEvent;

const send = async (messages: Array<{ key: string; value: string }>) => {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
};

const until = async (condition: () => boolean, what: string, ms = 30000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const readDeadLetters = async (count: number) => {
  const consumer = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
  const letters: Array<{ value: string; headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      letters.push({ value: String(message.value), headers });
    },
  });
  await until(() => letters.length >= count, 'dead letters');
  await consumer.disconnect();
  return letters;
};

describe('KafkaEventConsumer (real broker)', () => {
  const admin = kafka.admin();
  const groupId = `group-${randomUUID()}`;
  const processed = new InMemoryProcessedEvents();
  const effects: ConsumedEvent[] = [];
  const handler = async (m: ConsumedEvent) => {
    if ((m.event.data as { poison?: boolean }).poison) throw new Error('this event always fails');
    effects.push(m);
  };
  const consumerFor = () =>
    new KafkaEventConsumer({
      kafka,
      groupId,
      topics: [topic],
      handler,
      processed,
      retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20 },
    });

  beforeAll(async () => {
    await admin.connect();
    expect(await ensureTopics(admin, [topic], { partitions: 3, retentionMs: 3600000 })).toEqual([
      topic,
      deadLetterTopic(topic),
    ]);
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] });
    await admin.disconnect();
  });

  it('creates its topics with the settings asked for, once', async () => {
    expect(await ensureTopics(admin, [topic])).toEqual([]);
    const configs = await admin.describeConfigs({
      resources: [{ type: 2, name: topic, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    expect(configs.resources[0].configEntries[0].configValue).toBe('3600000');
  });

  it('applies each event once in order per key, dead-letters what fails, and moves on', async () => {
    const events = subjects.flatMap((subject) => Array.from({ length: 5 }, (_, i) => cloudEvent(subject, i)));
    const failing = cloudEvent('ticket-2', 5, { poison: true });
    const after = cloudEvent('ticket-2', 6);
    const asMessage = (e: CloudEvent) => ({ key: e.subject, value: JSON.stringify(e) });
    // Every event is delivered twice, as a producer retry or a replay would.
    await send([
      ...events.flatMap((e) => [asMessage(e), asMessage(e)]),
      { key: 'ticket-2', value: 'not json {' },
      asMessage(failing),
      asMessage(after),
    ]);

    const consumer = consumerFor();
    await consumer.start();
    await until(() => effects.length >= events.length + 1, 'all good events');
    await consumer.stop();

    expect(effects.map((m) => m.event.id).sort()).toEqual([...events, after].map((e) => e.id).sort());
    for (const subject of subjects) {
      const mine = effects.filter((m) => m.event.subject === subject).map((m) => Number(m.event.sequence));
      expect(mine).toEqual(subject === 'ticket-2' ? [0, 1, 2, 3, 4, 6] : [0, 1, 2, 3, 4]);
    }
    const letters = await readDeadLetters(2);
    expect(letters[0]).toMatchObject({ value: 'not json {', headers: { 'dlq-attempts': '1' } });
    expect(letters[0].headers['dlq-error']).toMatch(/^the message is not JSON/);
    expect(letters[1].headers['dlq-error']).toBe('failed 3 times; last error: this event always fails');
    expect(letters[1]).toMatchObject({
      value: JSON.stringify(failing),
      headers: { 'dlq-original-topic': topic, 'dlq-consumer-group': groupId, 'dlq-attempts': '3' },
    });
  });

  it('resumes after its committed offsets when restarted', async () => {
    const before = effects.length;
    const later = cloudEvent('ticket-3', 5);
    await send([{ key: later.subject, value: JSON.stringify(later) }]);
    const delivered: string[] = [];
    const spying = new KafkaEventConsumer({
      kafka,
      groupId,
      topics: [topic],
      processed: {
        wasProcessed: async (_g, id) => (delivered.push(id), false),
        markProcessed: async () => undefined,
      },
      handler,
    });
    await spying.start();
    await until(() => effects.length > before, 'the new event');
    await spying.stop();
    expect(delivered).toEqual([later.id]); // nothing before the committed offsets came again
  });
});
