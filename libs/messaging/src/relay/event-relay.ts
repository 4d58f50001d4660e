import { contextOf, SpanKind, traceCarrierOf, tracer } from '@helpdesk/contracts';
import type { EventStore, StoredEvent, Subscription } from '@helpdesk/event-store';
import { trace } from '@opentelemetry/api';
import type { CheckpointStore } from '@helpdesk/read-models';
import type { Kafka, Message, Producer } from 'kafkajs';
import { type RelaySource, toCloudEvents } from './cloud-event-mapping';
import { whileBrokerStarts } from '../kafka/while-broker-starts';
import { keyPartitioner } from '../kafka/key-partitioner';
import { type BackOff, backOffDelay } from '../kafka/back-off';

export interface EventRelayOptions extends RelaySource {
  store: EventStore;
  kafka: Kafka;
  topic: string;
  checkpoints: CheckpointStore;
  logger?: { log(message: string): void; error(message: string, error: unknown): void };
}

const retryBackOff: BackOff = { initialMs: 500, maxMs: 30000 };

/** Where a relay keeps how far it published: also what its lag is measured from. */
export const relayCheckpointName = (topic: string) => `relay:${topic}`;

/**
 * Publishes a service's committed events from its event store to its Kafka topic, in store
 * order, keyed by aggregate id, as CloudEvents. At least once: the checkpoint moves only after
 * Kafka acknowledged, so a crash re-sends at most the page that was in flight, with the same
 * event ids, which consumers skip. A page of the log goes out as one send: the idempotent
 * producer with one request in flight keeps each key's order within and across pages.
 * When Kafka or the store fails, it backs off and resumes from its checkpoint.
 */
export class EventRelay {
  private readonly producer: Producer;
  private subscription?: Subscription;
  private readonly name: string;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private running = false;
  /** How many events it published since it started: for progress and metrics. */
  published = 0;

  constructor(private readonly options: EventRelayOptions) {
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: keyPartitioner,
    });
    this.name = relayCheckpointName(options.topic);
  }

  async start() {
    this.running = true;
    // An idempotent producer asks for a producer id, which a broker that just started may not give yet.
    await whileBrokerStarts(() => this.producer.connect());
    const from = await this.options.checkpoints.load(this.name);
    this.options.logger?.log(`relay to ${this.options.topic} resumes after position ${from ?? 'start'}`);
    this.follow(from);
  }

  async stop() {
    this.running = false;
    clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    await this.producer.disconnect();
  }

  private follow(from: bigint | undefined) {
    this.subscription = this.options.store.subscribeToAll({
      fromPosition: from,
      streamPrefix: this.options.streamPrefix,
      onBatch: (events) => this.publish(events),
      onError: (error) => this.retryLater(error),
    });
  }

  /** Logged when it starts failing and when it recovers, not at every retry of an outage. */
  private retryLater(error: unknown) {
    this.failures++;
    if (this.failures === 1)
      this.options.logger?.error(
        `relay to ${this.options.topic} failed; retrying with back-off up to ${retryBackOff.maxMs} ms`,
        error,
      );
    this.retryTimer = setTimeout(
      () => {
        if (!this.running) return;
        this.options.checkpoints
          .load(this.name)
          .then((from) => this.running && this.follow(from))
          .catch((e) => this.retryLater(e));
      },
      backOffDelay(this.failures, retryBackOff, Math.random()),
    );
  }

  private async publish(events: StoredEvent[]) {
    // The store sends only our streams; the check stays for a store that cannot filter.
    const ours = events.filter((event) => event.streamId.startsWith(this.options.streamPrefix));
    // One span per event, in the trace of the request that appended it: a page mixes many traces.
    const spans = ours.map((event) =>
      tracer().startSpan(
        `publish ${this.options.topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': this.options.topic,
            'messaging.message.id': event.id,
          },
        },
        contextOf(event.metadata),
      ),
    );
    const messages: Message[] = ours.flatMap((event, i) => {
      // The consumer's parent is this publish, the same in the header and in the event; untraced,
      // both keep the append's context (if it had one). An event published in two versions
      // (.v2 and its downcast .v1) carries the one context in both.
      const published = traceCarrierOf(trace.setSpan(contextOf(event.metadata), spans[i]));
      return toCloudEvents(event, this.options).map((mapped) => {
        const cloudEvent = { ...mapped, ...published };
        const { traceparent, tracestate } = cloudEvent;
        return {
          key: cloudEvent.subject,
          value: JSON.stringify(cloudEvent),
          headers: {
            ...(traceparent ? { traceparent } : {}),
            ...(tracestate ? { tracestate } : {}),
            'content-type': 'application/cloudevents+json; charset=utf-8',
          },
        };
      });
    });
    try {
      if (messages.length) await this.producer.send({ topic: this.options.topic, acks: -1, messages });
    } finally {
      for (const span of spans) span.end();
    }
    await this.options.checkpoints.save(this.name, events[events.length - 1].position);
    this.published += messages.length;
    if (this.failures > 0)
      this.options.logger?.log(`relay to ${this.options.topic} resumed after ${this.failures} retries`);
    this.failures = 0;
  }
}
