import {
  type ClockBreached,
  decodeMessage,
  type SlaEvent,
  TOPICS,
  type WarningRaised,
} from '@helpdesk/contracts';
import { type ConsumedEvent, NotYetKnown } from '@helpdesk/messaging';
import { EventSubscriptions } from '@helpdesk/platform';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { NotificationQueue } from '../application/notification-queue';
import { decideSlaNotifications, type SlaAlert } from '../domain';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notifications.settings';
import { isNews } from './news';
import { recipientDirectory } from './recipient-directory';
import { TicketAudiences } from './ticket-audiences';

const isAlert = (event: SlaEvent): event is WarningRaised | ClockBreached =>
  event.type === 'WarningRaised' || event.type === 'ClockBreached';

/** SLA warnings and breaches: the assigned agent and the support lead mailbox are told. */
@Injectable()
export class SlaConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly audiences: TicketAudiences,
    private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async onApplicationBootstrap() {
    await this.subscriptions.subscribe({
      group: 'notifications.sla',
      topics: [TOPICS.sla],
      handler: (message) => this.handle(message),
    });
  }

  private async handle({ event }: ConsumedEvent) {
    const decoded = decodeMessage<SlaEvent>(event);
    if (!isAlert(decoded) || !isNews(event.time, this.settings.maxEventAgeMs)) return;
    const alert: SlaAlert = { ...decoded, id: event.id };
    const known = await (await this.audiences.views()).get(alert.data.ticketId);
    const ticket = known?.audience;
    // A ticket is registered before any of its clocks can warn, but on another topic, which may
    // be behind this one (a catch-up after an outage): the alert waits for it, parked, while
    // other tickets' alerts go on, and is dead-lettered only if it never comes (PARK_MAX_MS).
    // It waits too for the ticket as the monitor saw it, so that the assignee is the one it had.
    const { ticketRevision } = alert.data;
    if (!ticket || (ticketRevision !== undefined && known.revision < ticketRevision))
      throw new NotYetKnown(
        `ticket ${alert.data.ticketId}${ticketRevision === undefined ? '' : ` at revision ${ticketRevision}`}`,
      );
    // Agents and the mailbox are addressed from configuration: nobody is unknown.
    const { messages } = decideSlaNotifications({
      alert,
      ticket,
      directory: recipientDirectory({ status: 'unregistered' }, [], {
        ids: ticket.assigneeId ? [ticket.assigneeId] : [],
        emailDomain: this.settings.agentEmailDomain,
      }),
      supportLead: this.settings.supportLead,
    });
    await this.queue.queue(messages, ticket.organisationId, {
      correlationId: event.correlationid,
      causationId: event.id,
    });
  }
}
