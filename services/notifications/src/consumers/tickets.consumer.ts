import { decodeMessage, type TicketEvent, TOPICS } from '@helpdesk/contracts';
import { type ConsumedEvent, NotYetKnown } from '@helpdesk/messaging';
import { EventSubscriptions } from '@helpdesk/platform';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { NotificationQueue } from '../application/notification-queue';
import {
  contactsToLookUp,
  decideTicketNotifications,
  foldAudience,
  groupByCommand,
  type RecordedTicketEvent,
} from '../domain';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notifications.settings';
import { NotificationsOrganisationDirectory } from './organisation-directory';
import { isNews } from './news';
import { contactsNotYetKnown, recipientDirectory } from './recipient-directory';
import { TicketAudiences } from './ticket-audiences';

/**
 * Tells the reporter and the people involved what happened to their ticket.
 *
 * Each event is handled on its own, as it arrives. A command's events (a comment that is also
 * the customer's reply; a released fix that resolves the ticket) are consecutive in the ticket's
 * stream and share their correlation id, actor and time: the messages of every event of one
 * command are keyed by the command's FIRST event, so a recipient told by the first event is not
 * queued a second message by the next one (its key is taken). What a later event adds to a
 * message already decided is not in that message; a recipient only the later event concerns
 * still gets one. Buffering a command until its last event would word one message from all of
 * them, but nothing in an event says it is the last: that needs a timer, and a crash between
 * buffering and telling could lose the message.
 */
@Injectable()
export class TicketsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('TicketsConsumer');

  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly directory: NotificationsOrganisationDirectory,
    private readonly audiences: TicketAudiences,
    private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async onApplicationBootstrap() {
    await this.directory.ready.promise;
    await this.subscriptions.subscribe({
      group: 'notifications.tickets',
      topics: [TOPICS.tickets],
      handler: (message) => this.handle(message),
    });
  }

  private async handle({ event }: ConsumedEvent) {
    const views = await this.audiences.views();
    const revision = Number(event.sequence);
    const known = await views.get(event.subject);
    if (known && revision <= known.revision) return;
    const recorded: RecordedTicketEvent = {
      ...decodeMessage<TicketEvent>(event),
      id: event.id,
      ...(event.correlationid ? { correlationId: event.correlationid } : {}),
      ...(event.causationid ? { causationId: event.causationid } : {}),
    };
    const start = known?.commandStart;
    const commandStart = start && groupByCommand([start, recorded]).length === 1 ? start : recorded;
    const before = known?.audience;
    const after = foldAudience(before, [recorded]);
    if (after && isNews(event.time, this.settings.maxEventAgeMs)) {
      const { organisationId } = after;
      const organisation = await this.directory.organisation(organisationId);
      const decision = decideTicketNotifications({
        events: [recorded],
        commandStart,
        before,
        directory: recipientDirectory(organisation, contactsToLookUp([recorded], before)),
      });
      // A contact added just before this ticket named them may not have reached this copy of
      // the directory yet (another topic): the event waits for it rather than leaving them out.
      const missing = contactsNotYetKnown(organisation, decision.unknownRecipients);
      if (missing.length > 0)
        throw new NotYetKnown(`contacts ${missing.join(', ')} of organisation ${organisationId}`);
      if (decision.unknownRecipients.length > 0)
        this.logger.warn(
          `${event.type} of ticket ${event.subject}: inactive, not told: ` +
            JSON.stringify(decision.unknownRecipients),
        );
      await this.queue.queue(decision.messages, organisationId, {
        correlationId: event.correlationid,
        causationId: event.id,
      });
    }
    const next = {
      id: event.subject,
      revision,
      ...(after ? { audience: after } : {}),
      commandStart,
    };
    // The messages are queued (idempotently): a lost race here is retried and changes nothing.
    if (!(await views.put(next, known?.revision)))
      throw new Error(`ticket ${event.subject}: its audience moved on meanwhile`);
  }
}
