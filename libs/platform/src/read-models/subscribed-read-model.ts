import { projectInto } from '@helpdesk/messaging';
import type { IndexSpec, Projection, View, ViewStore } from '@helpdesk/read-models';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { EventSubscriptions } from '../events/event-subscriptions';
import type { ReadStore } from '../runtime/runtime.module';

export interface ReadModelSubscription<V extends View> {
  /** The consumer group, `<service>.<purpose>`. */
  group: string;
  topic: string;
  collection: string;
  projection: Projection<V>;
  /** The fields its queries look documents up by (MongoDB indexes them). */
  indexes?: IndexSpec[];
}

/**
 * A read model of another service's events: a projection kept up to date from a topic by one
 * consumer group, and the documents it writes. The counterpart of ProjectedReadModel, which
 * follows the service's own event store. A service subclasses it per read model (the subclass
 * is the injectable, naming its subscription).
 */
export abstract class SubscribedReadModel<V extends View> implements OnApplicationBootstrap {
  views!: ViewStore<V>;

  protected constructor(
    private readonly readStore: ReadStore,
    private readonly subscriptions: EventSubscriptions,
    private readonly subscription: ReadModelSubscription<V>,
  ) {}

  async onApplicationBootstrap() {
    const { group, topic, collection, projection, indexes } = this.subscription;
    this.views = await this.readStore.views<V>(collection, indexes);
    await this.subscriptions.subscribe({
      group,
      topics: [topic],
      handler: projectInto(projection, this.views),
    });
  }
}
