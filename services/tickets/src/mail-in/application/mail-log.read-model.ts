import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type MailLogEntry, mailLogProjection } from '../projections/mail-log';

/** The mail log: every received mail and what became of it, for agents and the hourly limit. */
@Injectable()
export class MailLog extends ProjectedReadModel<MailLogEntry> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, mailLogProjection, 'mail_log', [
      { ticketId: 1, at: -1 },
      { from: 1, at: -1 },
    ]);
  }
}
