import { TOPICS } from '@helpdesk/contracts';
import { EventSubscriptions, READ_STORE, type ReadStore, SubscribedReadModel } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { nextDueOf, type TicketSla, ticketSlaProjection } from '../projections/ticket-sla';

/** Each ticket's SLA clocks (due time, state) from helpdesk.sla.v1, shown with the ticket. */
@Injectable()
export class TicketSlaClocks extends SubscribedReadModel<TicketSla> {
  constructor(@Inject(READ_STORE) readStore: ReadStore, subscriptions: EventSubscriptions) {
    super(readStore, subscriptions, {
      group: 'tickets.sla',
      topic: TOPICS.sla,
      collection: 'ticket_sla',
      projection: ticketSlaProjection,
    });
  }

  async clocksOf(ticketId: string) {
    return (await this.views.get(ticketId))?.clocks ?? {};
  }

  /** The next deadline of each of these tickets (null when none of its clocks runs), in one read. */
  async nextDuesOf(ticketIds: readonly string[]): Promise<Map<string, string | null>> {
    const known = await this.views.getMany(ticketIds);
    return new Map(ticketIds.map((id) => [id, nextDueOf(known.get(id)?.clocks ?? {})]));
  }
}
