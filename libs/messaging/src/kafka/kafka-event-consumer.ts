import { deadLetterTopic, parseCloudEvent } from '@helpdesk/contracts';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { EventHandler } from '../consumer/consumed-event';
import { handleOnce } from '../consumer/handle-once';
import type { ProcessedEvents } from '../consumer/processed-events';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../consumer/retry';
import { whileBrokerStarts } from './while-broker-starts';

export interface KafkaEventConsumerOptions {
  kafka: Kafka;
  /** One consumer group per service: every service sees every event once. */
  groupId: string;
  topics: string[];
  handler: EventHandler;
  processed: ProcessedEvents;
  retry?: RetryPolicy;
  /** Partitions handled in parallel; order is kept within a partition. */
  concurrency?: number;
  /**
   * Where a group that has never committed starts: at the beginning of its topics (a read model
   * that needs the whole history) or at their end now (a deployment that must not act on the past).
   */
  newGroupStartsAt?: 'beginning' | 'now';
  logger?: { warn(message: string): void; error(message: string): void };
  /** kafkajs gave up on a failure it will not restart from by itself: the caller starts it anew. */
  onCrash?: (error: unknown) => void;
}

const HEARTBEAT_EVERY_MS = 3000;

/**
 * Consumes events at least once and applies them at most once: duplicates are skipped by
 * event id, failures are retried with back-off, and a message that still fails goes to the
 * topic's dead-letter topic with its error so the partition moves on. Offsets are committed
 * only after a message was handled (or dead-lettered).
 */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly handle: EventHandler;

  constructor(private readonly options: KafkaEventConsumerOptions) {
    // A slow handler keeps heartbeating (below), so a generous session timeout is not needed
    // to avoid rebalancing storms; the rebalance timeout lets in-flight work finish.
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30000,
      rebalanceTimeout: 60000,
    });
    this.producer = options.kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
    this.handle = handleOnce(options.groupId, options.processed, options.handler);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) options.onCrash?.(payload.error);
    });
  }

  get groupId() {
    return this.options.groupId;
  }

  get topics() {
    return this.options.topics;
  }

  async start() {
    if (this.options.newGroupStartsAt === 'now') await this.commitEndsIfNew();
    await this.producer.connect();
    await this.consumer.connect();
    for (const topic of this.options.topics) await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.concurrency ?? 3,
      eachMessage: ({ topic, partition, message, heartbeat }) =>
        this.keepAlive(heartbeat, () => this.consume(topic, partition, message)),
    });
  }

  /**
   * Commits the topics' current ends for a group that has no offsets yet, before it joins: unlike
   * kafkajs' `fromBeginning: false`, which resolves "latest" only once the group has joined, no
   * message sent after this call can be skipped.
   */
  private async commitEndsIfNew() {
    await whileBrokerStarts(() => this.tryCommitEndsIfNew());
  }

  private async tryCommitEndsIfNew() {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({
        groupId: this.options.groupId,
        topics: this.options.topics,
      });
      for (const { topic, partitions } of committed) {
        if (partitions.some((p) => p.offset !== '-1')) continue;
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({
          groupId: this.options.groupId,
          topic,
          partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
        });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Stops fetching, lets in-flight messages finish, commits their offsets and leaves the group
   * (kafkajs' disconnect), so its partitions go to another member at once, not after a session
   * timeout.
   */
  async stop() {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async consume(topic: string, partition: number, message: KafkaMessage) {
    let event;
    try {
      event = parseCloudEvent(message.value);
    } catch (error) {
      return this.deadLetter(topic, partition, message, error, 1); // retrying cannot fix a malformed message
    }
    try {
      await withRetry(this.options.retry ?? defaultRetryPolicy, () =>
        this.handle({ event, topic, partition, offset: message.offset }),
      );
    } catch (error) {
      await this.deadLetter(
        topic,
        partition,
        message,
        error,
        this.options.retry?.attempts ?? defaultRetryPolicy.attempts,
      );
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
  ) {
    const reason = (error as Error)?.message ?? String(error);
    this.options.logger?.error(
      `${this.options.groupId}: ${topic}[${partition}]@${message.offset} goes to ${deadLetterTopic(topic)}: ${reason}`,
    );
    await this.producer.send({
      topic: deadLetterTopic(topic),
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'dlq-error': reason,
            'dlq-consumer-group': this.options.groupId,
            'dlq-original-topic': topic,
            'dlq-original-partition': String(partition),
            'dlq-original-offset': message.offset,
            'dlq-attempts': String(attempts),
            'dlq-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
  }

  private async keepAlive<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }
}
