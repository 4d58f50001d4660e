import { TOPICS } from '@helpdesk/contracts';
import { projectInto } from '@helpdesk/messaging';
import { EventSubscriptions, READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { ViewStore } from '@helpdesk/read-models';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type TicketEntry, ticketEntryProjection } from '../projections/ticket-entry';

/**
 * The releases service's own copy of the tickets, kept from `helpdesk.tickets.v1`: scheduling a
 * fix reads its number, public title, kind, organisation and where it is scheduled here, never
 * waiting on (or failing with) the tickets service.
 */
@Injectable()
export class ReleaseTicketDirectory implements OnApplicationBootstrap {
  views!: ViewStore<TicketEntry>;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly subscriptions: EventSubscriptions,
  ) {}

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<TicketEntry>('releases_tickets');
    await this.subscriptions.subscribe({
      group: 'releases.tickets',
      topics: [TOPICS.tickets],
      handler: projectInto(ticketEntryProjection, this.views),
    });
  }

  ticket(ticketId: string) {
    return this.views.get(ticketId);
  }
}
