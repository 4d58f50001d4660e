import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

const kafkaAt = (brokers: string) =>
  new Kafka({
    clientId: `ops-suite-${randomUUID().slice(0, 8)}`,
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  });

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

/** Every partition a consumer group of the stack (`prefix`) has not consumed to its end. */
export const partitionsWithLag = async (brokers: string, prefix: string): Promise<PartitionLag[]> => {
  const admin = kafkaAt(brokers).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const lagging: PartitionLag[] = [];
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith(prefix))) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
        );
        for (const { partition, offset } of partitions) {
          const lag = (ends.get(partition) ?? 0) - Math.max(0, Number(offset));
          if (lag > 0) lagging.push({ group: groupId, topic, partition, lag });
        }
      }
    }
    return lagging;
  } finally {
    await admin.disconnect();
  }
};

/** The stack's consumer groups (by prefix): proof that its consumers joined at all. */
export const groupsOf = async (brokers: string, prefix: string) => {
  const admin = kafkaAt(brokers).admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
  } finally {
    await admin.disconnect();
  }
};

export interface TopicMessage {
  partition: number;
  offset: number;
  /** When the broker appended it (ms). */
  timestamp: number;
  id: string;
  subject: string;
  sequence: number;
  type: string;
  headers: Record<string, string>;
}

/**
 * Every message of `topic` from `sinceMs` on, up to its end as it is now: read as an outside
 * subscriber would, by a consumer group of its own that is deleted afterwards.
 */
export const readTopic = async (brokers: string, topic: string, sinceMs = 0): Promise<TopicMessage[]> => {
  const kafka = kafkaAt(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `ops-suite-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000 });
  try {
    const starts = await admin.fetchTopicOffsetsByTimestamp(topic, sinceMs);
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(
      ends
        .map((e) => ({ partition: e.partition, end: Number(e.high) }))
        .map(({ partition, end }) => {
          const start = Number(starts.find((s) => s.partition === partition)?.offset ?? end);
          return [partition, { start: start < 0 ? end : start, end }] as const;
        })
        .filter(([, range]) => range.end > range.start),
    );
    const messages: TopicMessage[] = [];
    if (remaining.size === 0) return messages;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const range = remaining.get(partition);
          const offset = Number(message.offset);
          if (!range || offset < range.start) return;
          const event = JSON.parse(message.value?.toString() ?? '{}');
          messages.push({
            partition,
            offset,
            timestamp: Number(message.timestamp),
            id: event.id,
            subject: event.subject,
            sequence: Number(event.sequence),
            type: event.type,
            headers: Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
            ),
          });
          if (offset >= range.end - 1) remaining.delete(partition);
          if (remaining.size === 0) resolve();
        },
      });
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const [partition, { start }] of remaining)
        consumer.seek({ topic, partition, offset: String(start) });
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`reading ${topic} took over 60 s`)), 60000);
      }),
    ]).finally(() => clearTimeout(timer));
    return messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
};

/**
 * Makes a fresh broker's group coordinator exist (its `__consumer_offsets` topic is created when
 * the first group asks), so a test that is not about a fresh broker does not meet one.
 */
export const warmUpGroupCoordinator = async (brokers: string) => {
  const kafka = kafkaAt(brokers);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `ops-suite-warm-up-${randomUUID()}`;
  try {
    const topic = 'ops-suite.warm-up';
    if (!(await admin.listTopics()).includes(topic))
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    const consumer = kafka.consumer({ groupId, retry: { retries: 20 } });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.run({ eachMessage: async () => undefined });
      await joined;
    } finally {
      await consumer.disconnect();
    }
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
};
