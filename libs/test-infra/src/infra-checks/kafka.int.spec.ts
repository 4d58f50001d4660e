// Proves the local Kafka broker behaves as our relay and consumers will need it.
import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, logLevel } from 'kafkajs';
import { requireInfra } from '../infra';

const kafka = new Kafka({
  clientId: 'infra-check',
  brokers: requireInfra('KAFKA_BROKERS').split(','),
  logLevel: logLevel.NOTHING,
});
const topic = `infra-check-${randomUUID()}`;
const keys = ['ticket-a', 'ticket-b', 'ticket-c', 'ticket-d', 'ticket-e'];

type Received = { key: string; seq: number; partition: number };

/** Consumes until `count` messages arrived, then disconnects (committing what it handled). */
const consume = async (groupId: string, count: number): Promise<Received[]> => {
  const consumer: Consumer = kafka.consumer({ groupId });
  const received: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), seq: Number(String(message.value)), partition });
          if (received.length >= count) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return received;
};

const produce = async (fromSeq: number, perKey: number) => {
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  for (let seq = fromSeq; seq < fromSeq + perKey; seq++) {
    await producer.send({ topic, messages: keys.map((key) => ({ key, value: String(seq) })) });
  }
  await producer.disconnect();
};

const byKey = (received: Received[], key: string) => received.filter((r) => r.key === key);

describe('Kafka (real broker)', () => {
  const admin = kafka.admin();
  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] });
    await admin.disconnect();
  });

  it('has the topic with the partitions we asked for, and creates none by accident', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(3);
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 1 } });
    await producer.connect();
    await expect(
      producer.send({ topic: `${topic}-never-created`, messages: [{ value: 'x' }] }),
    ).rejects.toThrow();
    await producer.disconnect();
    expect(await admin.listTopics()).not.toContain(`${topic}-never-created`);
  });

  it('keeps the order per key across partitions, and offsets survive a consumer restart', async () => {
    const groupId = `group-${randomUUID()}`;
    await produce(0, 10);
    const first = await consume(groupId, keys.length * 10);
    expect(first).toHaveLength(50);
    for (const key of keys) {
      const mine = byKey(first, key);
      expect(mine.map((r) => r.seq)).toEqual([...Array(10).keys()]);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1); // one key, one partition
    }
    expect(new Set(first.map((r) => r.partition)).size).toBeGreaterThan(1); // keys spread out

    // A new consumer in the same group resumes after the committed offsets: no repeats.
    await produce(10, 5);
    const second = await consume(groupId, keys.length * 5);
    for (const key of keys) expect(byKey(second, key).map((r) => r.seq)).toEqual([10, 11, 12, 13, 14]);
  });
});
