import type { EventStore, StoredEvent, Subscription } from '@helpdesk/event-store';
import type { CheckpointStore } from '@helpdesk/read-models';
import type { Kafka, Producer } from 'kafkajs';
import { type RelaySource, toCloudEvent, traceparent } from './cloud-event-mapping';

export interface EventRelayOptions extends RelaySource {
  store: EventStore;
  kafka: Kafka;
  topic: string;
  checkpoints: CheckpointStore;
  logger?: { log(message: string): void; error(message: string, error: unknown): void };
}

/**
 * Publishes a service's committed events from its event store to its Kafka topic, in store
 * order, keyed by aggregate id, as CloudEvents. At least once: the checkpoint moves only after
 * Kafka acknowledged, so a crash re-sends at most what was in flight, with the same event ids,
 * which consumers skip. One message in flight at a time keeps each key's order.
 */
export class EventRelay {
  private readonly producer: Producer;
  private subscription?: Subscription;
  private readonly name: string;

  constructor(private readonly options: EventRelayOptions) {
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.name = `relay:${options.topic}`;
  }

  async start() {
    await this.producer.connect();
    const from = await this.options.checkpoints.load(this.name);
    this.options.logger?.log(`relay to ${this.options.topic} resumes after position ${from ?? 'start'}`);
    this.subscription = this.options.store.subscribeToAll({
      fromPosition: from,
      onEvent: (event) => this.publish(event),
      onError: (error) => this.options.logger?.error(`relay to ${this.options.topic} stopped`, error),
    });
  }

  async stop() {
    await this.subscription?.stop();
    await this.producer.disconnect();
  }

  private async publish(event: StoredEvent) {
    if (event.streamId.startsWith(this.options.streamPrefix)) {
      const cloudEvent = toCloudEvent(event, this.options);
      await this.producer.send({
        topic: this.options.topic,
        acks: -1,
        messages: [
          {
            key: cloudEvent.subject,
            value: JSON.stringify(cloudEvent),
            headers: {
              traceparent: traceparent(event),
              'content-type': 'application/cloudevents+json; charset=utf-8',
            },
          },
        ],
      });
    }
    await this.options.checkpoints.save(this.name, event.position);
  }
}
