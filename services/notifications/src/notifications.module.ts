import { TOPICS } from '@helpdesk/contracts';
import {
  EventPublishingModule,
  MAIL_TRANSPORT,
  OutboxTransport,
  RUNTIME_SETTINGS,
  type RuntimeSettings,
  SmtpTransport,
} from '@helpdesk/platform';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { NotificationsController } from './api/notifications.controller';
import { MessageDispatcher } from './application/message-dispatcher';
import { NotificationLogReadModel } from './application/notification-log.read-model';
import { NotificationQueries } from './application/notification-queries';
import { NotificationQueue } from './application/notification-queue';
import { ErasedRecipientsConsumer } from './consumers/erased-recipients.consumer';
import { MailConsumer } from './consumers/mail.consumer';
import { NotificationsOrganisationDirectory } from './consumers/organisation-directory';
import { SlaConsumer } from './consumers/sla.consumer';
import { TicketAudiences } from './consumers/ticket-audiences';
import { TicketsConsumer } from './consumers/tickets.consumer';
import {
  loadNotificationSettings,
  NOTIFICATION_SETTINGS,
  type NotificationSettings,
} from './notifications.settings';

/** Who is told what: e-mail in the recipient's language, retries, the delivery log. */
@Module({
  imports: [EventPublishingModule.forTopic(TOPICS.notifications)],
  controllers: [NotificationsController],
  providers: [
    {
      provide: NOTIFICATION_SETTINGS,
      inject: [RUNTIME_SETTINGS],
      useFactory: (runtime: RuntimeSettings) => loadNotificationSettings(runtime.mode),
    },
    {
      provide: MAIL_TRANSPORT,
      inject: [NOTIFICATION_SETTINGS, RUNTIME_SETTINGS],
      // Standalone writes .eml files under the data folder; distributed talks to a mail server.
      useFactory: ({ transport }: NotificationSettings, runtime: RuntimeSettings) =>
        transport.kind === 'smtp'
          ? new SmtpTransport(transport.url)
          : new OutboxTransport(join(runtime.dataDir, 'outbox')),
    },
    NotificationLogReadModel,
    MessageDispatcher,
    NotificationQueue,
    NotificationQueries,
    NotificationsOrganisationDirectory,
    TicketAudiences,
    TicketsConsumer,
    SlaConsumer,
    MailConsumer,
    ErasedRecipientsConsumer,
  ],
})
export class NotificationsModule {}
