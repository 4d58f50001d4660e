import { TOPICS } from '@helpdesk/contracts';
import {
  EventSubscriptions,
  isSharedReadStore,
  KafkaHealth,
  LagRegistry,
  READ_STORE,
  type ReadStore,
  RUNTIME_SETTINGS,
  type RuntimeSettings,
  SubscribedReadModel,
} from '@helpdesk/platform';
import { viewPages } from '@helpdesk/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { activityOf, type TicketActivity, type TicketInvolvement } from '../domain';
import { type TicketActivityView, ticketActivityProjection } from '../projections/ticket-activity';

const PAGE = 500;
const COLLECTION = 'contacts_ticket_activity';
// A contact's tickets are looked up by an element of contactIds (a multikey index; the store adds _id).
const INDEXES = [{ contactIds: 1 } as const];
export const TICKET_ACTIVITY_GROUP = 'contacts.ticket-activity';

/**
 * Whether this process follows the topic into the copy: `always` (the service), or
 * `unless-shared` (a retention run by hand: over Kafka with MongoDB it reads the service's copy
 * and leaves the service's consumer group alone; otherwise it has to fill its own).
 */
export const TICKET_ACTIVITY_FOLLOWING = Symbol('TICKET_ACTIVITY_FOLLOWING');
export type TicketActivityFollowing = 'always' | 'unless-shared';

/**
 * The contacts service's copy of who is involved in which ticket, kept from `helpdesk.tickets.v1`
 * (ids and times only): retention asks it whether a person still has an open ticket, and when
 * their last one closed, without calling the tickets service.
 */
@Injectable()
export class TicketActivityReadModel extends SubscribedReadModel<TicketActivityView> {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    subscriptions: EventSubscriptions,
    @Inject(TICKET_ACTIVITY_FOLLOWING) private readonly following: TicketActivityFollowing,
    @Inject(RUNTIME_SETTINGS) private readonly runtime: RuntimeSettings,
    private readonly lags: LagRegistry,
    private readonly kafka: KafkaHealth,
  ) {
    super(store, subscriptions, {
      group: TICKET_ACTIVITY_GROUP,
      topic: TOPICS.tickets,
      collection: COLLECTION,
      projection: ticketActivityProjection,
      indexes: INDEXES,
    });
  }

  private get readsOnly() {
    return (
      this.following === 'unless-shared' &&
      isSharedReadStore(this.store) &&
      this.runtime.eventBus.kind === 'kafka'
    );
  }

  override async onApplicationBootstrap() {
    if (this.readsOnly) this.views = await this.store.views<TicketActivityView>(COLLECTION, INDEXES);
    else await super.onApplicationBootstrap();
  }

  /** Over every ticket the contact is involved in (an array field matches any of its elements). */
  async activityOf(contactId: string): Promise<TicketActivity> {
    const tickets: TicketInvolvement[] = [];
    const selection = { where: { contactIds: contactId }, orderedBy: 'id', pageSize: PAGE };
    for await (const page of viewPages(this.views, selection)) tickets.push(...page);
    return activityOf(tickets);
  }

  /** Messages of the topic not yet in the copy, or why that cannot be told now. */
  async lag(): Promise<number | string> {
    const bus = this.runtime.eventBus;
    if (this.readsOnly && bus.kind === 'kafka') {
      try {
        return await this.kafka.groupLag(`${bus.groupPrefix}${TICKET_ACTIVITY_GROUP}`, [TOPICS.tickets]);
      } catch (error) {
        return `unknown: ${(error as Error).message}`;
      }
    }
    const groups = (await this.lags.report()).consumer_group;
    // The registered name carries the deployment's group prefix (and, in memory, a suffix of its own).
    const name = Object.keys(groups).find((group) => group.includes(TICKET_ACTIVITY_GROUP));
    return name === undefined ? 'not subscribed' : groups[name];
  }
}
