import { TOPICS } from '@helpdesk/contracts';
import { projectInto } from '@helpdesk/messaging';
import { EventSubscriptions, READ_STORE, type ReadStore } from '@helpdesk/platform';
import type { ViewStore } from '@helpdesk/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { TicketEventObserver } from '../application/observe-ticket-event';
import { type TicketRecord, ticketRecordProjection } from '../projections/ticket-record';

/**
 * The tickets' events drive the clocks, then land in the monitor's own record of the ticket
 * (scope, assignee, history for what-if). Both steps are idempotent, so a redelivery at any
 * point repeats nothing. Started by the module once the directory is listening, so a
 * registration finds its organisation's policy.
 */
@Injectable()
export class TicketEventsConsumer {
  records!: ViewStore<TicketRecord>;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly subscriptions: EventSubscriptions,
    private readonly observer: TicketEventObserver,
  ) {}

  async start() {
    this.records = await this.readStore.views<TicketRecord>('sla_ticket_records', [
      { organisationId: 1, registeredAt: 1 },
      { registeredAt: 1 },
      { assigneeId: 1 },
    ]);
    const record = projectInto(ticketRecordProjection, this.records);
    await this.subscriptions.subscribe({
      group: 'sla-monitor.tickets',
      topics: [TOPICS.tickets],
      handler: async (message) => {
        await this.observer.observe(message.event);
        await record(message);
      },
    });
  }
}
