import { type CloudEvent, deadLetterTopic, parseCloudEvent } from '@helpdesk/contracts';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { ConsumedEvent, EventHandler } from '../consumer/consumed-event';
import { inConsumerSpan } from '../consumer/consumer-span';
import { handleOnce } from '../consumer/handle-once';
import { isNotYetKnown } from '../consumer/not-yet-known';
import { type ConsumerFlow, defaultParkingCapacity, nextFlow } from '../consumer/parking-capacity';
import { defaultParkingPolicy, ParkingLot, type ParkingPolicy } from '../consumer/parking-lot';
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
  /** Messages that wait for another topic (NotYetKnown): how long, how often tried again. */
  parking?: ParkingPolicy;
  /** Told of every dead letter, for the metrics: waited too long, kept failing, or malformed. */
  onDeadLetter?: (reason: DeadLetterReason) => void;
  logger?: { warn(message: string): void; error(message: string): void };
  /** kafkajs gave up on a failure it will not restart from by itself: the caller starts it anew. */
  onCrash?: (error: unknown) => void;
}

export type DeadLetterReason = 'not_yet_known' | 'failed' | 'malformed';

const HEARTBEAT_EVERY_MS = 3000;
const FETCH_WAIT_MS = 1000;
/** Offsets are committed this long after a message at most (and when the consumer stops). */
const COMMIT_EVERY_MS = 500;

/** A message of one partition as the parking lot holds it. */
interface PartitionMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
  event: CloudEvent;
}

/** Where a partition stands: the offset after the last message it was given, and what was committed. */
interface PartitionState {
  topic: string;
  partition: number;
  lot: ParkingLot<PartitionMessage>;
  next?: bigint;
  committed?: bigint;
  timer?: NodeJS.Timeout;
}

/**
 * Consumes events at least once and applies them at most once: duplicates are skipped by
 * event id, failures are retried with back-off, and a message that still fails goes to the
 * topic's dead-letter topic with its error so the partition moves on. A message whose handler
 * needs what another topic has not brought yet (NotYetKnown) is parked per key (see
 * ParkingLot) while the partition's other keys go on. Offsets are committed only up to the
 * oldest message not yet handled, dead-lettered or skipped: nothing parked is lost if the
 * process dies, and what is delivered again behind it is skipped by event id.
 */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly handle: EventHandler;
  private readonly partitions = new Map<string, PartitionState>();
  private flow: ConsumerFlow = 'flowing';
  private pauses = 0;
  private handling = 0;
  private latestHeartbeat?: () => Promise<void>;
  private heartbeats?: NodeJS.Timeout;

  constructor(private readonly options: KafkaEventConsumerOptions) {
    // A slow handler keeps heartbeating (below), so a generous session timeout is not needed
    // to avoid rebalancing storms; the rebalance timeout lets in-flight work finish.
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30000,
      rebalanceTimeout: 60000,
      // A stop waits for the fetch in flight before it leaves the group: an idle fetch waits at most
      // this long for messages (kafkajs: 5 s), so a shutdown hands over its partitions sooner.
      maxWaitTimeInMs: FETCH_WAIT_MS,
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
    // After a rebalance the group fetches again from the committed offsets, parked messages
    // included: what this process parked is delivered anew, here or elsewhere.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.forgetPartitions();
      this.regulateFlow();
    });
    this.heartbeats ??= setInterval(() => {
      if (this.handling > 0) this.latestHeartbeat?.().catch(() => undefined);
    }, HEARTBEAT_EVERY_MS).unref();
    await this.consumer.run({
      autoCommit: false,
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

  /** Messages parked now, waiting for another topic. */
  get parked() {
    let count = 0;
    for (const { lot } of this.partitions.values()) count += lot.size;
    return count;
  }

  /** The bytes (key and value) of the messages parked now. */
  get parkedBytes() {
    let bytes = 0;
    for (const { lot } of this.partitions.values()) bytes += lot.bytes;
    return bytes;
  }

  /** Whether fetching is paused because the parked messages reached the cap, and how often it was. */
  get backPressure() {
    return { paused: this.flow === 'paused', pauses: this.pauses };
  }

  /**
   * Pauses every partition once the parked messages reach the cap, and resumes them once the lot
   * has drained (nextFlow). Kafka then holds what is not fetched, not this process's memory; what
   * is parked waits for other topics, which other consumers (other groups) bring, so pausing this
   * one cannot keep its own dependencies from coming. Offsets stay where they were: a pause moves
   * no commit.
   */
  private regulateFlow() {
    const capacity = (this.options.parking ?? defaultParkingPolicy).capacity ?? defaultParkingCapacity;
    const next = nextFlow(this.flow, { messages: this.parked, bytes: this.parkedBytes }, capacity);
    if (next === this.flow) return;
    this.flow = next;
    const topics = this.options.topics.map((topic) => ({ topic }));
    if (next === 'paused') {
      this.pauses++;
      this.options.logger?.warn(
        `${this.options.groupId}: ${this.parked} messages (${this.parkedBytes} bytes) parked, at the cap: fetching paused until they drain`,
      );
      this.consumer.pause(topics);
    } else {
      this.options.logger?.warn(
        `${this.options.groupId}: parked messages drained to ${this.parked}: fetching resumed`,
      );
      this.consumer.resume(topics);
    }
  }

  /**
   * Commits how far each partition got (never past a parked message), stops fetching, lets
   * in-flight messages finish and leaves the group (kafkajs' disconnect), so its partitions go to
   * another member at once, not after a session timeout. Parked messages stay uncommitted: the
   * next consumer of their partition gets them again.
   */
  async stop() {
    await Promise.all([...this.partitions.values()].map((state) => this.commit(state)));
    for (const state of this.partitions.values()) {
      clearTimeout(state.timer);
      state.lot.close();
    }
    await this.consumer.disconnect();
    clearInterval(this.heartbeats);
    this.heartbeats = undefined;
    await this.producer.disconnect();
  }

  private async consume(topic: string, partition: number, message: KafkaMessage) {
    const state = this.partitionState(topic, partition);
    let event;
    try {
      event = parseCloudEvent(message.value);
    } catch (error) {
      // Retrying cannot fix a malformed message.
      await this.deadLetter(topic, partition, message, error, 1, 'malformed');
    }
    if (event)
      await state.lot.offer(message.key?.toString() ?? event.subject, { topic, partition, message, event });
    state.next = BigInt(message.offset) + 1n;
    this.commitSoon(state);
    this.regulateFlow();
  }

  /** Handles a message with retries; what keeps failing is dead-lettered. A NotYetKnown is the lot's. */
  private async handleOrDeadLetter({ topic, partition, message, event }: PartitionMessage) {
    const consumed = { event, topic, partition, offset: message.offset };
    return inConsumerSpan(this.options.groupId, consumed, message.headers, () =>
      this.handleInSpan(consumed, message),
    );
  }

  private async handleInSpan(consumed: ConsumedEvent, message: KafkaMessage) {
    const { topic, partition } = consumed;
    try {
      await withRetry(this.options.retry ?? defaultRetryPolicy, () => this.handle(consumed));
    } catch (error) {
      if (isNotYetKnown(error)) throw error;
      await this.deadLetter(
        topic,
        partition,
        message,
        error,
        this.options.retry?.attempts ?? defaultRetryPolicy.attempts,
        'failed',
      );
    }
  }

  private partitionState(topic: string, partition: number): PartitionState {
    const id = `${topic}:${partition}`;
    let state = this.partitions.get(id);
    if (!state) {
      const created: PartitionState = {
        topic,
        partition,
        lot: new ParkingLot<PartitionMessage>({
          policy: this.options.parking ?? defaultParkingPolicy,
          handle: (m) => this.handleOrDeadLetter(m),
          giveUp: (m, reason) =>
            this.deadLetter(m.topic, m.partition, m.message, new Error(reason), 1, 'not_yet_known'),
          onChange: () => {
            this.commitSoon(created);
            this.regulateFlow();
          },
          sizeOf: (m) => (m.message.key?.length ?? 0) + (m.message.value?.length ?? 0),
          logger: {
            warn: (m) => this.options.logger?.warn(`${this.options.groupId}: ${topic}[${partition}] ${m}`),
            error: (m) => this.options.logger?.error(`${this.options.groupId}: ${topic}[${partition}] ${m}`),
          },
        }),
      };
      state = created;
      this.partitions.set(id, state);
    }
    return state;
  }

  /** Everything up to the oldest parked message, or up to the last one given when none is. */
  private committable(state: PartitionState) {
    const oldest = state.lot.oldest();
    return oldest ? BigInt(oldest.message.offset) : state.next;
  }

  private commitSoon(state: PartitionState) {
    state.timer ??= setTimeout(() => {
      state.timer = undefined;
      void this.commit(state);
    }, COMMIT_EVERY_MS);
  }

  private async commit(state: PartitionState) {
    // A partition forgotten at a rebalance commits nothing more: its messages come again.
    if (this.partitions.get(`${state.topic}:${state.partition}`) !== state) return;
    const offset = this.committable(state);
    if (offset === undefined || (state.committed !== undefined && offset <= state.committed)) return;
    try {
      await this.consumer.commitOffsets([
        { topic: state.topic, partition: state.partition, offset: String(offset) },
      ]);
      state.committed = offset;
    } catch (error) {
      // A rebalance under way: the partition's next consumer starts from the last commit.
      this.options.logger?.warn(
        `${this.options.groupId}: ${state.topic}[${state.partition}] offset ${offset} not committed: ${(error as Error)?.message}`,
      );
    }
  }

  private forgetPartitions() {
    for (const state of this.partitions.values()) {
      clearTimeout(state.timer);
      state.lot.close();
    }
    this.partitions.clear();
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    error: unknown,
    attempts: number,
    kind: DeadLetterReason,
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
            'dlq-reason': kind,
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
    this.options.onDeadLetter?.(kind);
  }

  /**
   * A handler may outlast the session timeout (a slow read store): while any runs, the member
   * heartbeats every HEARTBEAT_EVERY_MS through the latest message's heartbeat (one per member is
   * enough), from the one timer `start` sets rather than one per message.
   */
  private async keepAlive<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    this.handling++;
    this.latestHeartbeat = heartbeat;
    try {
      return await work();
    } finally {
      this.handling--;
    }
  }
}
