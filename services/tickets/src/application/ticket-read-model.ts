import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { EventStore } from '@helpdesk/event-store';
import { Inject, Injectable } from '@nestjs/common';
import type { IndexSpec, RecentWindow } from '@helpdesk/read-models';
import { type TicketView, ticketViewProjection } from '../projections/ticket-view';

/** Created at start; FerretDB 1.24 uses them for the top-level equalities it pushes down. */
export const TICKET_VIEW_INDEXES: IndexSpec[] = [
  { organisationId: 1, updatedAt: -1 },
  { status: 1, updatedAt: -1 },
  { assigneeId: 1, updatedAt: -1 },
  { number: 1 },
];

/**
 * Lists default to the newest first: the 60 most recently updated tickets are also kept apart,
 * so that a first page of up to 59 reads at most 90 documents, not every ticket (FerretDB 1.24
 * sorts nothing in PostgreSQL). Larger pages, later pages and rare filters read the collection.
 */
export const TICKET_VIEW_RECENT: RecentWindow = { field: 'updatedAt', keep: 60 };

/** The ticket read model: kept up to date from the event store, queried by the API. */
@Injectable()
export class TicketReadModel extends ProjectedReadModel<TicketView> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, ticketViewProjection, 'ticket_views', TICKET_VIEW_INDEXES, TICKET_VIEW_RECENT);
  }
}
