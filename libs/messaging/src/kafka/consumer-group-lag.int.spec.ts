// The lag /metrics reports, asked of a real broker (run against Kafka 4.x and, in the kafka-3.9
// project, 3.9): offsets fetched, topic ends listed, offsets committed through the admin API.
import { requireInfra } from '@helpdesk/test-infra';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { consumerGroupLag } from './consumer-group-lag';
import { ensureTopics } from './topics-admin';

const kafka = new Kafka({
  clientId: 'lag-test',
  brokers: requireInfra('KAFKA_BROKERS').split(','),
  logLevel: logLevel.NOTHING,
});
const topic = `lag-test-${randomUUID()}`;
const admin = kafka.admin();

beforeAll(async () => {
  await admin.connect();
  await ensureTopics(admin, [topic], { partitions: 2, retentionMs: 3600000 });
  // Idempotent, as the relay's: a retried send on a loaded machine must not write a batch twice.
  const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
  await producer.connect();
  // Three messages on partition 0, two on partition 1.
  await producer.send({
    topic,
    messages: [0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: String(i) })),
  });
  await producer.disconnect();
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] });
  await admin.disconnect();
});

describe('consumerGroupLag (real broker)', () => {
  it('counts everything kept for a group that never committed, and what is past its commits after', async () => {
    const groupId = `lag-${randomUUID()}`;
    expect(await consumerGroupLag(admin, groupId, [topic])).toBe(5);

    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    // partition 0: one left after offset 2; partition 1 never committed: both of its messages.
    expect(await consumerGroupLag(admin, groupId, [topic])).toBe(3);

    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
    expect(await consumerGroupLag(admin, groupId, [topic])).toBe(0);
  });
});
