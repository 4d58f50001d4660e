import { type CloudEvent, deadLetterTopic } from '@helpdesk/contracts';
import { requireInfra } from '@helpdesk/test-infra';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { ConsumedEvent } from '../consumer/consumed-event';
import { NotYetKnown } from '../consumer/not-yet-known';
import { InMemoryProcessedEvents } from '../consumer/processed-events';
import { type DeadLetterReason, KafkaEventConsumer } from './kafka-event-consumer';
import { testCloudEvent } from './test-cloud-event';
import { ensureTopics } from './topics-admin';

const kafka = new Kafka({
  clientId: 'parking-test',
  brokers: requireInfra('KAFKA_BROKERS').split(','),
  logLevel: logLevel.NOTHING,
});
// One partition: the keys share it, so "other keys go on" is about keys, not partitions.
const topic = `parking-test-${randomUUID()}`;
/** A topic of its own for the cap, so its group reads only what that test sent. */
const cappedTopic = `parking-cap-test-${randomUUID()}`;

/** An event that, given `needs`, waits for that ticket before it can be handled. */
const cloudEvent = (subject: string, sequence: number, needs?: string) =>
  testCloudEvent(subject, sequence, needs ? { needs } : {});

const send = async (events: CloudEvent[], to = topic) => {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({
    topic: to,
    messages: events.map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
  });
  await producer.disconnect();
};

const until = async (condition: () => boolean, what: string, ms = 30000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('KafkaEventConsumer parking what another topic has not brought yet (real broker)', () => {
  const admin = kafka.admin();
  const groupId = `parking-${randomUUID()}`;
  // Shared by both consumers, as the MongoDB record of handled ids is by every process.
  const processed = new InMemoryProcessedEvents();
  const known = new Set<string>();
  const handled: string[] = [];
  const deadLetters: DeadLetterReason[] = [];
  const handler = async ({ event }: ConsumedEvent) => {
    const needs = (event.data as { needs?: string }).needs;
    if (needs && !known.has(needs)) throw new NotYetKnown(needs);
    handled.push(`${event.subject}/${event.sequence}`);
  };
  const consumer = () =>
    new KafkaEventConsumer({
      kafka,
      groupId,
      topics: [topic],
      handler,
      processed,
      parking: { maxMs: 1500, retryInitialMs: 20, retryMaxMs: 100 },
      onDeadLetter: (reason) => void deadLetters.push(reason),
    });

  beforeAll(async () => {
    await admin.connect();
    await ensureTopics(admin, [topic, cappedTopic], { partitions: 1, retentionMs: 3600000 });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic), cappedTopic] });
    await admin.disconnect();
  });

  it('keeps a key behind its parked message while other keys go on, and loses nothing across a restart', async () => {
    await send([cloudEvent('a', 0, 'ticket-x'), cloudEvent('a', 1), cloudEvent('b', 0), cloudEvent('b', 1)]);
    const first = consumer();
    await first.start();
    await until(() => handled.length === 2, 'the other key');
    expect(handled).toEqual(['b/0', 'b/1']);
    expect(first.parked).toBe(2);
    // The process goes away while a/0 and a/1 wait: their offsets were never committed.
    await first.stop();

    known.add('ticket-x');
    const second = consumer();
    await second.start();
    await until(() => handled.length === 4, 'the parked key');
    await second.stop();
    expect(handled).toEqual(['b/0', 'b/1', 'a/0', 'a/1']);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters, naming what it waited for, a message whose dependency never comes, then goes on', async () => {
    const orphan = cloudEvent('c', 0, 'ticket-never');
    await send([orphan, cloudEvent('c', 1)]);
    const third = consumer();
    await third.start();
    await until(() => handled.includes('c/1'), 'the message behind the orphan');
    await third.stop();
    expect(handled).not.toContain('c/0');
    expect(deadLetters).toEqual(['not_yet_known']);

    const reader = kafka.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    const letters: Array<{ value: string; headers: Record<string, string> }> = [];
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void letters.push({
          value: String(message.value),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        }),
    });
    await until(() => letters.length === 1, 'the dead letter');
    await reader.disconnect();
    expect(letters[0].value).toBe(JSON.stringify(orphan));
    expect(letters[0].headers['dlq-reason']).toBe('not_yet_known');
    expect(letters[0].headers['dlq-error']).toMatch(
      /^ticket-never still not known after \d+ ms \(PARK_MAX_MS 1500\)$/,
    );
  });

  it('pauses fetching at the cap instead of holding more, commits nothing past the parked message, and resumes once it drains', async () => {
    const cappedGroup = `parking-cap-${randomUUID()}`;
    const waiting = [
      cloudEvent('d', 0, 'ticket-late'),
      ...Array.from({ length: 19 }, (_, i) => cloudEvent('d', i + 1)),
    ];
    await send(waiting, cappedTopic);
    const capped = new KafkaEventConsumer({
      kafka,
      groupId: cappedGroup,
      topics: [cappedTopic],
      handler,
      processed,
      parking: {
        maxMs: 60000,
        retryInitialMs: 20,
        retryMaxMs: 100,
        capacity: { maxMessages: 4, maxBytes: 1024 * 1024 },
      },
      onDeadLetter: (reason) => void deadLetters.push(reason),
    });
    let mostParked = 0;
    const watch = setInterval(() => (mostParked = Math.max(mostParked, capped.parked)), 5);
    try {
      await capped.start();
      await until(() => capped.backPressure.paused, 'the pause at the cap');
      // Paused, it fetches no more: the lot stays at the cap however long the dependency takes.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(capped.parked).toBe(4);
      expect(mostParked).toBe(4);
      const committed = async () =>
        (await admin.fetchOffsets({ groupId: cappedGroup, topics: [cappedTopic] }))[0].partitions[0].offset;
      // Nothing past the parked message's offset (0) is committed while it waits.
      expect(['-1', '0']).toContain(await committed());

      known.add('ticket-late');
      await until(
        () => waiting.every((e) => handled.includes(`d/${e.sequence}`)),
        'the drained lot and the rest',
      );
      expect(capped.backPressure).toEqual({ paused: false, pauses: 1 });
      expect(handled.filter((h) => h.startsWith('d/'))).toEqual(waiting.map((e) => `d/${e.sequence}`));
      await until(() => capped.parked === 0, 'an empty lot');
    } finally {
      clearInterval(watch);
      await capped.stop();
    }
    expect(
      (await admin.fetchOffsets({ groupId: cappedGroup, topics: [cappedTopic] }))[0].partitions[0].offset,
    ).toBe('20');
  });
});
