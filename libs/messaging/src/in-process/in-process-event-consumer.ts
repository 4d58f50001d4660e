import { topicContract } from '@helpdesk/contracts';
import type { EventStore, StoredEvent, Subscription } from '@helpdesk/event-store';
import type { CheckpointStore } from '@helpdesk/read-models';
import type { ConsumedEvent, EventHandler } from '../consumer/consumed-event';
import { handleOnce } from '../consumer/handle-once';
import { isNotYetKnown } from '../consumer/not-yet-known';
import { type ConsumerFlow, defaultParkingCapacity, nextFlow } from '../consumer/parking-capacity';
import { defaultParkingPolicy, ParkingLot, type ParkingPolicy } from '../consumer/parking-lot';
import type { ProcessedEvents } from '../consumer/processed-events';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../consumer/retry';
import { toCloudEvent } from '../relay/cloud-event-mapping';
import { inConsumerSpan } from '../consumer/consumer-span';

export interface InProcessEventConsumerOptions {
  /** The store every service of this process writes to (standalone mode). */
  store: EventStore;
  groupId: string;
  topics: string[];
  handler: EventHandler;
  processed: ProcessedEvents;
  checkpoints: CheckpointStore;
  retry?: RetryPolicy;
  /** Events that wait for something not stored yet (NotYetKnown): how long, how often tried again. */
  parking?: ParkingPolicy;
  /** Told of every dead letter, for the metrics. */
  onDeadLetter?: (reason: 'not_yet_known' | 'failed') => void;
  logger?: { warn?(message: string): void; error(message: string): void };
}

/** An event the parking lot holds, with the checkpoint that keeps it: the position before it. */
interface ParkedEvent {
  message: ConsumedEvent;
  resumeAfter?: bigint;
}

/** A message that kept failing: the in-process counterpart of a `<topic>.dlq` record. */
export interface DeadLetter {
  message: ConsumedEvent;
  error: string;
  reason: 'not_yet_known' | 'failed';
}

/**
 * The Kafka consumer's stand-in when every service runs in one process: the same handlers get
 * the same CloudEvents (mapped as the relay would), straight from the shared event store. The
 * guarantees are the same: global store order (so per-aggregate order), no second effect for
 * an event id already handled, retries with back-off, then a dead letter and the next event.
 * The checkpoint moves after each page, like a committed offset, but never past an event parked
 * because it needs what is not stored yet (which the global order makes rare here).
 */
export class InProcessEventConsumer {
  private subscription?: Subscription;
  private position?: bigint;

  /** The position of the last event handled: what its lag is measured from. */
  get handledPosition(): bigint | undefined {
    return this.position;
  }
  private caughtUp?: { head: bigint; resolve: () => void };
  private readonly handle: EventHandler;
  private readonly sources: Array<{ topic: string; contract: ReturnType<typeof topicContract> }>;
  private readonly lot: ParkingLot<ParkedEvent>;
  readonly deadLetters: DeadLetter[] = [];
  private flow: ConsumerFlow = 'flowing';
  private pauses = 0;
  private stopped = false;
  private resumed?: { promise: Promise<void>; resolve: () => void };

  constructor(private readonly options: InProcessEventConsumerOptions) {
    this.handle = handleOnce(options.groupId, options.processed, options.handler);
    this.sources = options.topics.map((topic) => ({ topic, contract: topicContract(topic) }));
    this.lot = new ParkingLot<ParkedEvent>({
      policy: options.parking ?? defaultParkingPolicy,
      handle: ({ message }) => this.handleOrDeadLetter(message),
      giveUp: async ({ message }, reason) => this.deadLetter(message, reason, 'not_yet_known'),
      onChange: () => {
        void this.saveCheckpoint().catch(() => undefined);
        this.regulateFlow();
      },
      sizeOf: ({ message }) => Buffer.byteLength(JSON.stringify(message.event)),
      logger: {
        warn: (m) => options.logger?.warn?.(`${options.groupId}: ${m}`),
        error: (m) => options.logger?.error(`${options.groupId}: ${m}`),
      },
    });
  }

  /** Events parked now, waiting for what they need. */
  get parked() {
    return this.lot.size;
  }

  get parkedBytes() {
    return this.lot.bytes;
  }

  /** Whether reading the log waits because the parked events reached the cap, and how often it did. */
  get backPressure() {
    return { paused: this.flow === 'paused', pauses: this.pauses };
  }

  /** The in-process counterpart of pausing partitions: the next event is read once the lot drains. */
  private regulateFlow() {
    const capacity = (this.options.parking ?? defaultParkingPolicy).capacity ?? defaultParkingCapacity;
    const next = nextFlow(this.flow, { messages: this.lot.size, bytes: this.lot.bytes }, capacity);
    if (next === this.flow) return;
    this.flow = next;
    if (next === 'paused') {
      this.pauses++;
      const resumed = {} as { promise: Promise<void>; resolve: () => void };
      resumed.promise = new Promise<void>((resolve) => (resumed.resolve = resolve));
      this.resumed = resumed;
    } else {
      this.resumed?.resolve();
      this.resumed = undefined;
    }
  }

  /**
   * Resumes after the checkpoint and follows the store. Given the log's last position now, it
   * resolves once everything up to there is handled: a process can then serve requests knowing
   * its consumers caught up with what happened before it started.
   */
  async start(head?: bigint) {
    const from = await this.options.checkpoints.load(this.checkpointName);
    this.position = from;
    this.subscription = this.options.store.subscribeToAll({
      fromPosition: from,
      onBatch: (events) => this.consume(events),
      onError: (error) => this.options.logger?.error(`${this.options.groupId}: stopped: ${String(error)}`),
    });
    if (head !== undefined && (from === undefined || from < head))
      await new Promise<void>((resolve) => (this.caughtUp = { head, resolve }));
  }

  async stop() {
    this.stopped = true;
    this.resumed?.resolve();
    await this.subscription?.stop();
    this.lot.close();
    this.caughtUp?.resolve();
  }

  private get checkpointName() {
    return `consumer:${this.options.groupId}`;
  }

  private async consume(events: StoredEvent[]) {
    for (const event of events) {
      if (this.resumed) await this.resumed.promise;
      if (this.stopped) return;
      const source = this.sources.find((s) => event.streamId.startsWith(s.contract.streamPrefix));
      if (source) await this.deliver(event, source.topic, source.contract, this.position);
      this.position = event.position;
    }
    await this.saveCheckpoint();
    if (this.caughtUp && this.position !== undefined && this.position >= this.caughtUp.head) {
      this.caughtUp.resolve();
      this.caughtUp = undefined;
    }
  }

  /** Up to the event before the oldest parked one; up to the last one handled when none is. */
  private async saveCheckpoint() {
    const oldest = this.lot.oldest();
    const safe = oldest ? oldest.resumeAfter : this.position;
    if (safe !== undefined) await this.options.checkpoints.save(this.checkpointName, safe);
  }

  private async deliver(
    event: StoredEvent,
    topic: string,
    contract: ReturnType<typeof topicContract>,
    resumeAfter: bigint | undefined,
  ) {
    const message = {
      event: toCloudEvent(event, contract),
      topic,
      partition: 0,
      offset: String(event.position),
    };
    await this.lot.offer(event.streamId, { message, resumeAfter });
  }

  private handleOrDeadLetter(message: ConsumedEvent) {
    return inConsumerSpan(this.options.groupId, message, undefined, () => this.handleInSpan(message));
  }

  private async handleInSpan(message: ConsumedEvent) {
    try {
      await withRetry(this.options.retry ?? defaultRetryPolicy, () => this.handle(message));
    } catch (error) {
      if (isNotYetKnown(error)) throw error;
      this.deadLetter(message, (error as Error)?.message ?? String(error), 'failed');
    }
  }

  private deadLetter(message: ConsumedEvent, error: string, reason: DeadLetter['reason']) {
    this.options.logger?.error(
      `${this.options.groupId}: ${message.topic} event ${message.event.id} dead-lettered: ${error}`,
    );
    this.deadLetters.push({ message, error, reason });
    this.options.onDeadLetter?.(reason);
  }
}
