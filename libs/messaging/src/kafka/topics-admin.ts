import type { Admin } from 'kafkajs';
import { deadLetterTopic } from '@helpdesk/contracts';
import { whileBrokerStarts } from './while-broker-starts';

export interface TopicSettings {
  partitions: number;
  /** -1 keeps events forever: subscribers can replay the whole history. */
  retentionMs: number;
}

export const defaultTopicSettings: TopicSettings = { partitions: 6, retentionMs: -1 };

/**
 * Creates each topic and its dead-letter topic with the settings configuration asks for.
 * Brokers run with automatic topic creation off, so no topic appears by accident. Another
 * process creating the same topics at the same moment can make the wait for their leaders fail
 * with "does not host this topic-partition": then it looks again.
 */
export const ensureTopics = (
  admin: Admin,
  topics: string[],
  settings: TopicSettings = defaultTopicSettings,
) => whileBrokerStarts(() => createMissingTopics(admin, topics, settings));

const createMissingTopics = async (admin: Admin, topics: string[], settings: TopicSettings) => {
  const existing = new Set(await admin.listTopics());
  const missing = topics.flatMap((t) => [t, deadLetterTopic(t)]).filter((t) => !existing.has(t));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic,
      numPartitions: settings.partitions,
      configEntries: [{ name: 'retention.ms', value: String(settings.retentionMs) }],
    })),
  });
  return missing;
};
