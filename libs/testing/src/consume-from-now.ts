import { Kafka, logLevel } from 'kafkajs';

/**
 * Commits the given consumer groups at the current end of their topics before the app starts,
 * so they read what this test causes, not the whole history that earlier runs (and benchmarks)
 * left on the shared broker: a new group would otherwise start from the beginning.
 */
export const consumeFromNow = async (
  settings: Record<string, string>,
  subscriptions: Array<{ group: string; topic: string }>,
) => {
  const kafka = new Kafka({
    clientId: 'test-consume-from-now',
    brokers: settings.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    for (const { group, topic } of subscriptions) {
      if (!topics.includes(topic)) continue; // a new topic has no history to skip
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: `${settings.KAFKA_GROUP_PREFIX}${group}`,
        topic,
        partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
};
