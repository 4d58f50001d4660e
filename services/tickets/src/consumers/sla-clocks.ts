import { TOPICS } from '@helpdesk/contracts';
import { projectInto } from '@helpdesk/messaging';
import { EventSubscriptions, READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { ViewStore } from '@helpdesk/read-models';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type TicketSla, ticketSlaProjection } from '../projections/ticket-sla';

/** Each ticket's SLA clocks (due time, state) from helpdesk.sla.v1, shown with the ticket. */
@Injectable()
export class TicketSlaClocks implements OnApplicationBootstrap {
  views!: ViewStore<TicketSla>;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly subscriptions: EventSubscriptions,
  ) {}

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<TicketSla>('ticket_sla');
    await this.subscriptions.subscribe({
      group: 'tickets.sla',
      topics: [TOPICS.sla],
      handler: projectInto(ticketSlaProjection, this.views),
    });
  }

  async clocksOf(ticketId: string) {
    return (await this.views.get(ticketId))?.clocks ?? {};
  }
}
