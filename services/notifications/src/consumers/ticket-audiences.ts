import { READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { View, ViewStore } from '@helpdesk/read-models';
import { Inject, Injectable } from '@nestjs/common';
import type { RecordedTicketEvent, TicketAudience } from '../domain';

/**
 * What notifications keeps per ticket from helpdesk.tickets.v1: who is involved, and the first
 * event of the last command seen. `revision` is the ticket stream's: an event at or below it was
 * handled already.
 */
export interface TicketAudienceView extends View {
  audience?: TicketAudience;
  /** The first event of the command the last event belonged to: its messages are keyed by it. */
  commandStart?: RecordedTicketEvent;
}

/** The tickets' audiences, shared by the tickets and SLA consumers (opened by whoever asks first). */
@Injectable()
export class TicketAudiences {
  private opened?: Promise<ViewStore<TicketAudienceView>>;

  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  views() {
    this.opened ??= this.readStore.views<TicketAudienceView>('notifications_ticket_audiences');
    return this.opened;
  }
}
