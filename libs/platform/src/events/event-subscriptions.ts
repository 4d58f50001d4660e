import type { EventStore } from '@helpdesk/event-store';
import {
  BackgroundTask,
  type EventHandler,
  ensureTopics,
  InMemoryProcessedEvents,
  InProcessEventConsumer,
  kafkaClient,
  KafkaEventConsumer,
  MongoProcessedEvents,
  type ProcessedEvents,
} from '@helpdesk/messaging';
import { type BeforeApplicationShutdown, Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { eventsAfter, LagRegistry } from '../health/lag';
import { type ConsistencySettings, loadConsistencySettings } from '../consistency/consistency.settings';
import { consumerMetrics } from '../consistency/consumer-metrics';
import { openPersonalData, type PersonalDataKeyStore } from '@helpdesk/personal-data';
import {
  EVENT_STORE,
  PERSONAL_DATA_KEYS,
  READ_STORE,
  type ReadStore,
  RUNTIME_SETTINGS,
} from '../runtime/runtime.module';
import type { RuntimeSettings } from '../runtime/runtime.settings';
import { KafkaHealth } from './kafka-health';

export interface Subscription {
  /** The consumer group: one per service, so every service sees every event once. */
  group: string;
  topics: string[];
  handler: EventHandler;
}

/**
 * How a service listens to other services' events, whichever bus runs: a Kafka consumer group
 * (distributed) or the shared event store read in process (standalone). Either way the handler
 * gets the same CloudEvents, in order per aggregate, once per event id, with retries and a
 * dead letter for what keeps failing. A handler that throws NotYetKnown has its event parked
 * (PARK_MAX_MS) until what it needs arrives; parked events and dead letters are in /metrics.
 */
@Injectable()
export class EventSubscriptions implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventSubscriptions');
  private readonly running: Array<{ stop(): Promise<void> }> = [];
  private readonly consistency: ConsistencySettings = loadConsistencySettings();

  constructor(
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PERSONAL_DATA_KEYS) private readonly personalDataKeys: PersonalDataKeyStore,
    private readonly lags: LagRegistry,
    private readonly kafkaHealth: KafkaHealth,
  ) {}

  /** Messages from the topics carry personal fields sealed: the handler gets them opened (or erased). */
  private opening(handler: EventHandler): EventHandler {
    return async (message) => {
      const [data] = await openPersonalData(this.personalDataKeys, [message.event.data]);
      return handler(
        data === message.event.data ? message : { ...message, event: { ...message.event, data } },
      );
    };
  }

  /**
   * Starts consuming. In process it resolves once every event already in the store is
   * handled, so a service answers requests only after its view of the others caught up.
   * Over Kafka it resolves at once: topic set-up and joining the group go on in the background,
   * retrying until the broker lets them (readiness says so meanwhile).
   */
  async subscribe({ group, topics, handler }: Subscription) {
    const processed: ProcessedEvents = this.readStore.mongo
      ? new MongoProcessedEvents(this.readStore.mongo)
      : new InMemoryProcessedEvents();
    const logger = {
      log: (message: string) => this.logger.log(message),
      warn: (message: string) => this.logger.warn(message),
      error: (message: string) => this.logger.error(message),
    };
    const bus = this.settings.eventBus;
    if (bus.kind === 'in-process') {
      const consumer = new InProcessEventConsumer({
        store: this.store,
        groupId: group,
        topics,
        handler,
        processed,
        checkpoints: this.readStore.checkpoints,
        parking: this.consistency.parking,
        onDeadLetter: (reason) => consumerMetrics.deadLettered(group, reason),
        logger,
      });
      consumerMetrics.watch(consumer, group, () => consumer);
      this.running.push(consumer);
      this.lags.register({
        kind: 'consumer_group',
        name: group,
        lag: () => eventsAfter(this.store, consumer.handledPosition),
      });
      await consumer.start(await this.store.headPosition());
      return;
    }
    const kafka = kafkaClient(`helpdesk-${group}`, bus.brokers, logger);
    // Views kept in memory are rebuilt at every start, so their group must read the topics anew:
    // a group of its own per process, from the beginning. Durable views resume where they committed.
    const durable = Boolean(this.readStore.mongo);
    const groupId = `${bus.groupPrefix}${group}${durable ? '' : `.${randomUUID()}`}`;
    let consumer: KafkaEventConsumer | undefined;
    const task: BackgroundTask = new BackgroundTask({
      name: `consumer group ${groupId} (${topics.join(', ')})`,
      logger,
      start: async () => {
        // The topics we read are created on purpose, with the configured settings, if their owner has not yet.
        const admin = kafka.admin();
        await admin.connect();
        try {
          await ensureTopics(admin, topics, bus);
        } finally {
          await admin.disconnect();
        }
        consumer = new KafkaEventConsumer({
          kafka,
          groupId,
          newGroupStartsAt: durable ? bus.newGroupsStartAt : 'beginning',
          topics,
          handler: this.opening(handler),
          processed,
          parking: this.consistency.parking,
          onDeadLetter: (reason) => consumerMetrics.deadLettered(group, reason),
          logger,
          onCrash: (error) => task.fail(error),
        });
        await consumer.start();
      },
      stop: async () => {
        await consumer?.stop();
        consumer = undefined;
      },
    });
    consumerMetrics.watch(task, group, () => consumer);
    this.kafkaHealth.track(task);
    this.lags.register({
      kind: 'consumer_group',
      name: groupId,
      lag: () => this.kafkaHealth.groupLag(groupId, topics),
    });
    this.running.push(task);
    task.begin();
  }

  /** Before the stores close: in-flight messages finish, offsets are committed, groups are left. */
  async beforeApplicationShutdown() {
    await Promise.all(this.running.map((consumer) => consumer.stop()));
    for (const consumer of this.running) consumerMetrics.forget(consumer);
  }
}

/** Every feature module of a process may subscribe. */
@Global()
@Module({
  providers: [EventSubscriptions, KafkaHealth],
  exports: [EventSubscriptions, KafkaHealth],
})
export class EventSubscriptionsModule {}
