import { TOPICS } from '@helpdesk/contracts';
import { EventSubscriptions, READ_STORE, type ReadStore, SubscribedReadModel } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type TicketEntry, ticketEntryProjection } from '../projections/ticket-entry';

/**
 * The releases service's own copy of the tickets, kept from `helpdesk.tickets.v1`: scheduling a
 * fix reads its number, public title, kind, organisation and where it is scheduled here, never
 * waiting on (or failing with) the tickets service.
 */
@Injectable()
export class ReleaseTicketDirectory extends SubscribedReadModel<TicketEntry> {
  constructor(@Inject(READ_STORE) readStore: ReadStore, subscriptions: EventSubscriptions) {
    super(readStore, subscriptions, {
      group: 'releases.tickets',
      topic: TOPICS.tickets,
      collection: 'releases_tickets',
      projection: ticketEntryProjection,
    });
  }

  ticket(ticketId: string) {
    return this.views.get(ticketId);
  }
}
