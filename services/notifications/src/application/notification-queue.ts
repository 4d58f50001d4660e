import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, signMessageId } from '@helpdesk/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Notification, notificationIdFor, recipientKey } from '../domain';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notifications.settings';
import { createRenderer, type RenderMessage } from '../templates';
import { type Cause, changeDeliveryRecord } from './delivery-record';
import { MessageDispatcher } from './message-dispatcher';

/**
 * Renders and queues decided messages, each at most once: a message already queued by an
 * earlier delivery of the same event stays as it is (and is sent if it was not yet).
 */
@Injectable()
export class NotificationQueue {
  private readonly logger = new Logger('NotificationQueue');
  private readonly render: RenderMessage;
  private readonly referenceSecret: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTIFICATION_SETTINGS) settings: NotificationSettings,
    private readonly dispatcher: MessageDispatcher,
  ) {
    this.render = createRenderer(settings.desk);
    this.referenceSecret = settings.mailReferenceSecret;
  }

  async queue(messages: readonly Notification[], organisationId: string | undefined, cause: Cause) {
    for (const message of messages) {
      const { subject, text, html } = this.render(message.template, message.to.language, message.data);
      const recipient = recipientKey(message.to.recipient);
      // Signed, so a reply's In-Reply-To leads to this ticket and recipient and no other (and a
      // bounce to this message); an answer to a refused mail concerns no ticket.
      const messageId = message.ticketId
        ? signMessageId(
            message.messageId,
            { ticketId: message.ticketId, recipientKey: recipient },
            this.referenceSecret,
          )
        : message.messageId;
      const queued = await changeDeliveryRecord(
        this.store,
        notificationIdFor(message.dedupeKey),
        {
          type: 'QueueMessage',
          at: new Date().toISOString(),
          message: {
            dedupeKey: message.dedupeKey,
            eventId: message.eventId,
            ...(message.ticketId ? { ticketId: message.ticketId } : {}),
            ...(organisationId ? { organisationId } : {}),
            ...('ticket' in message.data ? { number: message.data.ticket.number } : {}),
            recipientKey: recipient,
            to: { email: message.to.email, ...(message.to.name ? { name: message.to.name } : {}) },
            language: message.to.language,
            template: message.template,
            subject,
            text,
            html,
            messageId,
            threadId: message.threadId,
            ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
          },
        },
        { cause },
      );
      this.dispatcher.rememberTrace(notificationIdFor(message.dedupeKey));
      if (queued.events.length === 0) this.logger.debug(`${message.dedupeKey} was queued before`);
    }
    this.dispatcher.kick();
  }
}
