import { deadLetterTopic, TOPICS } from '@helpdesk/contracts';
import { ensureTopics, type TopicSettings } from '@helpdesk/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig, parse } from '../config/config';

/** The topics job's settings: the same names and rules as the services' (README configuration table). */
export const loadCreateTopicsSettings = (env: NodeJS.ProcessEnv = process.env) =>
  loadConfig(
    {
      KAFKA_BROKERS: { description: 'the Kafka bootstrap brokers', parse: parse.hostPorts },
      TOPIC_PARTITIONS: {
        description: 'partitions of each topic created',
        default: '6',
        parse: parse.positiveInt,
      },
      TOPIC_RETENTION_MS: {
        description: 'retention of each topic created; -1 keeps every event (replayable)',
        default: '-1',
        parse: parse.retention,
      },
      TOPICS_TIMEOUT_MS: {
        description: 'how long to wait for the broker before giving up',
        default: '60000',
        parse: parse.positiveInt,
      },
    },
    env,
  );

export class BrokerDidNotAnswer extends Error {
  constructor(brokers: string[], timeoutMs: number, cause: unknown) {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    super(`Kafka at ${brokers.join(',')} did not answer within ${timeoutMs} ms${why}`);
    this.name = 'BrokerDidNotAnswer';
  }
}

export interface TopicReport {
  topic: string;
  partitions: number;
  created: boolean;
}

/**
 * Creates each topic the contract names, and its dead-letter topic, that does not exist yet, with
 * the configured partitions and retention; existing topics are left as they are (more partitions
 * would move keys to other partitions and break the order per aggregate). Gives up after
 * `timeoutMs` when the broker does not answer, instead of retrying for ever.
 */
export const createTopics = async (options: {
  brokers: string[];
  settings: TopicSettings;
  timeoutMs: number;
  topics?: string[];
}): Promise<TopicReport[]> => {
  const { brokers, settings, timeoutMs, topics = Object.values(TOPICS) } = options;
  const kafka = new Kafka({
    clientId: 'helpdesk-create-topics',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 5000),
    // Keep trying until the deadline below, not kafkajs' own few retries.
    retry: { initialRetryTime: 250, maxRetryTime: 5000, retries: Number.MAX_SAFE_INTEGER },
  });
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrokerDidNotAnswer(brokers, timeoutMs, undefined)), timeoutMs);
  });
  const work = async () => {
    await admin.connect();
    const created = new Set(await ensureTopics(admin, topics, settings));
    const all = topics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: all });
    const partitions = new Map(metadata.map((t) => [t.name, t.partitions.length]));
    return all.map((topic) => ({
      topic,
      partitions: partitions.get(topic) ?? 0,
      created: created.has(topic),
    }));
  };
  try {
    return await Promise.race([work(), deadline]);
  } catch (error) {
    if (error instanceof BrokerDidNotAnswer) throw error;
    throw new BrokerDidNotAnswer(brokers, timeoutMs, error);
  } finally {
    clearTimeout(timer);
    await Promise.race([admin.disconnect(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  }
};
