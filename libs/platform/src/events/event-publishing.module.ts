import { topicContract } from '@helpdesk/contracts';
import type { EventStore } from '@helpdesk/event-store';
import {
  BackgroundTask,
  ensureTopics,
  EventRelay,
  kafkaClient,
  relayCheckpointName,
} from '@helpdesk/messaging';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Gauge } from 'prom-client';
import { eventsAfter, LagRegistry } from '../health/lag';
import { KafkaHealth } from './kafka-health';
import { metricsRegistry } from '../metrics/metrics';
import type { Leases, LeaseTiming } from '../leases/lease';
import { type LeaseHandle, runUnderLease } from '../leases/run-under-lease';
import {
  LEASE_TIMING,
  LEASES,
  PUBLISHED_EVENT_STORE,
  READ_STORE,
  type ReadStore,
  RUNTIME_SETTINGS,
} from '../runtime/runtime.module';
import type { RuntimeSettings } from '../runtime/runtime.settings';

const PUBLISHED_TOPIC = Symbol('PUBLISHED_TOPIC');

const published = new Gauge({
  name: 'helpdesk_events_published',
  help: 'Events the relay published to Kafka since the process started, per topic',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

/**
 * Publishes the service's committed events to its topic. Over Kafka, a relay follows the
 * event store and sends them, creating the topic (and its dead-letter topic) with the
 * configured partitions and retention first; it does so in the background, retrying until
 * the broker lets it, so the process serves commands whatever Kafka's state (the store is the
 * truth; the relay catches up). In process (standalone) there is nothing to send: consumers in
 * the same process read the same store. Of the replicas of a service, only the one holding the
 * lease `relay:<topic>` relays; the others stand by to take over.
 */
@Injectable()
class EventPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventRelay');
  private task?: BackgroundTask;
  private lease?: LeaseHandle;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PUBLISHED_TOPIC) private readonly topic: string,
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
    // Published sealed: the topics never carry a clear personal value.
    @Inject(PUBLISHED_EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly lags: LagRegistry,
    private readonly kafkaHealth: KafkaHealth,
    @Inject(LEASES) private readonly leases: Leases,
    @Inject(LEASE_TIMING) private readonly leaseTiming: LeaseTiming,
  ) {}

  onApplicationBootstrap() {
    const bus = this.settings.eventBus;
    if (bus.kind !== 'kafka') return;
    const logger = {
      log: (m: string) => this.logger.log(m),
      warn: (m: string) => this.logger.warn(m),
      error: (m: string, e?: unknown) => this.logger.error(m, (e as Error)?.stack),
    };
    const kafka = kafkaClient(`helpdesk-relay-${this.topic}`, bus.brokers, logger);
    const contract = topicContract(this.topic);
    let relay: EventRelay | undefined;
    const relayTask = () =>
      new BackgroundTask({
        name: `relay to ${this.topic}`,
        logger,
        start: async () => {
          const admin = kafka.admin();
          await admin.connect();
          try {
            const created = await ensureTopics(admin, [this.topic], bus);
            if (created.length) this.logger.log(`created topics ${created.join(', ')}`);
          } finally {
            await admin.disconnect();
          }
          relay = new EventRelay({
            store: this.store,
            kafka,
            topic: this.topic,
            checkpoints: this.readStore.checkpoints,
            source: contract.source,
            aggregate: contract.aggregate,
            streamPrefix: contract.streamPrefix,
            logger,
          });
          await relay.start();
        },
        stop: async () => {
          await relay?.stop();
          relay = undefined;
        },
      });
    this.lags.register({
      kind: 'relay',
      name: this.topic,
      lag: async () =>
        eventsAfter(this.store, await this.readStore.checkpoints.load(relayCheckpointName(this.topic)), {
          streamPrefix: contract.streamPrefix,
        }),
    });
    // The lease is taken in the background too: the process listens whatever its outcome.
    this.lease = runUnderLease(
      this.leases,
      `relay:${this.topic}`,
      {
        start: async () => {
          this.task = relayTask();
          this.kafkaHealth.track(this.task);
          this.task.begin();
        },
        stop: async () => {
          await this.task?.stop();
          this.task = undefined;
        },
      },
      this.leaseTiming,
      this.logger,
    );
    this.timer = setInterval(() => published.set({ topic: this.topic }, relay?.published ?? 0), 1000);
  }

  /** Before the stores close: the page in flight is acknowledged and checkpointed, then it disconnects. */
  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    await this.lease?.stop();
  }
}

@Module({})
export class EventPublishingModule {
  /** The topic this service owns and publishes all its events to. */
  static forTopic(topic: string): DynamicModule {
    return {
      module: EventPublishingModule,
      providers: [{ provide: PUBLISHED_TOPIC, useValue: topic }, EventPublisher],
    };
  }
}
