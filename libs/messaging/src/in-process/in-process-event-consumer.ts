import { topicContract } from '@helpdesk/contracts';
import type { EventStore, StoredEvent, Subscription } from '@helpdesk/event-store';
import type { CheckpointStore } from '@helpdesk/read-models';
import type { ConsumedEvent, EventHandler } from '../consumer/consumed-event';
import { handleOnce } from '../consumer/handle-once';
import type { ProcessedEvents } from '../consumer/processed-events';
import { defaultRetryPolicy, type RetryPolicy, withRetry } from '../consumer/retry';
import { toCloudEvent } from '../relay/cloud-event-mapping';

export interface InProcessEventConsumerOptions {
  /** The store every service of this process writes to (standalone mode). */
  store: EventStore;
  groupId: string;
  topics: string[];
  handler: EventHandler;
  processed: ProcessedEvents;
  checkpoints: CheckpointStore;
  retry?: RetryPolicy;
  logger?: { error(message: string): void };
}

/** A message that kept failing: the in-process counterpart of a `<topic>.dlq` record. */
export interface DeadLetter {
  message: ConsumedEvent;
  error: string;
}

/**
 * The Kafka consumer's stand-in when every service runs in one process: the same handlers get
 * the same CloudEvents (mapped as the relay would), straight from the shared event store. The
 * guarantees are the same: global store order (so per-aggregate order), no second effect for
 * an event id already handled, retries with back-off, then a dead letter and the next event.
 * The checkpoint moves after each page, like a committed offset.
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
  readonly deadLetters: DeadLetter[] = [];

  constructor(private readonly options: InProcessEventConsumerOptions) {
    this.handle = handleOnce(options.groupId, options.processed, options.handler);
    this.sources = options.topics.map((topic) => ({ topic, contract: topicContract(topic) }));
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
    await this.subscription?.stop();
    this.caughtUp?.resolve();
  }

  private get checkpointName() {
    return `consumer:${this.options.groupId}`;
  }

  private async consume(events: StoredEvent[]) {
    for (const event of events) {
      const source = this.sources.find((s) => event.streamId.startsWith(s.contract.streamPrefix));
      if (source) await this.deliver(event, source.topic, source.contract);
    }
    this.position = events[events.length - 1].position;
    await this.options.checkpoints.save(this.checkpointName, this.position);
    if (this.caughtUp && this.position >= this.caughtUp.head) {
      this.caughtUp.resolve();
      this.caughtUp = undefined;
    }
  }

  private async deliver(event: StoredEvent, topic: string, contract: ReturnType<typeof topicContract>) {
    const message = {
      event: toCloudEvent(event, contract),
      topic,
      partition: 0,
      offset: String(event.position),
    };
    try {
      await withRetry(this.options.retry ?? defaultRetryPolicy, () => this.handle(message));
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      this.options.logger?.error(
        `${this.options.groupId}: ${topic} event ${event.id} dead-lettered: ${reason}`,
      );
      this.deadLetters.push({ message, error: reason });
    }
  }
}
