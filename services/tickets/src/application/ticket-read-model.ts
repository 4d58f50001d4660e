import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { EventStore } from '@helpdesk/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { type TicketView, ticketViewProjection } from '../projections/ticket-view';

/** The ticket read model: kept up to date from the event store, queried by the API. */
@Injectable()
export class TicketReadModel extends ProjectedReadModel<TicketView> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, ticketViewProjection, 'ticket_views', [
      { organisationId: 1, updatedAt: -1 },
      { status: 1, updatedAt: -1 },
      { assigneeId: 1, updatedAt: -1 },
      { number: 1 },
    ]);
  }
}
