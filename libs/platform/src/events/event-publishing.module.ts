import { topicContract } from '@helpdesk/contracts';
import type { EventStore } from '@helpdesk/event-store';
import { ensureTopics, EventRelay } from '@helpdesk/messaging';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics';
import type { Leases, LeaseTiming } from '../leases/lease';
import { type LeaseHandle, runUnderLease } from '../leases/run-under-lease';
import {
  EVENT_STORE,
  LEASE_TIMING,
  LEASES,
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
 * configured partitions and retention first. In process (standalone) there is nothing to
 * send: consumers in the same process read the same store. Of the replicas of a service, only
 * the one holding the lease `relay:<topic>` relays; the others stand by to take over.
 */
@Injectable()
class EventPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventRelay');
  private relay?: EventRelay;
  private lease?: LeaseHandle;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PUBLISHED_TOPIC) private readonly topic: string,
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(LEASES) private readonly leases: Leases,
    @Inject(LEASE_TIMING) private readonly leaseTiming: LeaseTiming,
  ) {}

  async onApplicationBootstrap() {
    const bus = this.settings.eventBus;
    if (bus.kind !== 'kafka') return;
    const kafka = new Kafka({
      clientId: `helpdesk-relay-${this.topic}`,
      brokers: bus.brokers,
      logLevel: logLevel.WARN,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const created = await ensureTopics(admin, [this.topic], bus);
      if (created.length) this.logger.log(`created topics ${created.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
    const contract = topicContract(this.topic);
    const relay = () =>
      new EventRelay({
        store: this.store,
        kafka,
        topic: this.topic,
        checkpoints: this.readStore.checkpoints,
        source: contract.source,
        aggregate: contract.aggregate,
        streamPrefix: contract.streamPrefix,
        logger: {
          log: (m) => this.logger.log(m),
          error: (m, e) => this.logger.error(m, (e as Error)?.stack),
        },
      });
    this.lease = runUnderLease(
      this.leases,
      `relay:${this.topic}`,
      {
        start: async () => {
          this.relay = relay();
          await this.relay.start();
        },
        stop: async () => {
          await this.relay?.stop();
          this.relay = undefined;
        },
      },
      this.leaseTiming,
      this.logger,
    );
    await this.lease.firstAttempt;
    this.timer = setInterval(() => published.set({ topic: this.topic }, this.relay?.published ?? 0), 1000);
  }

  async onApplicationShutdown() {
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
