import {
  EventSubscriptions,
  followContactErasures,
  MAIL_TRANSPORT,
  type MailTransport,
} from '@helpdesk/platform';
import { rewriteViews } from '@helpdesk/read-models';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { NotificationLogReadModel } from '../application/notification-log.read-model';
import { forgetRecipient } from '../projections/notification-log';

/**
 * A contact erased on helpdesk.contacts.v1: the delivery log forgets their address and their
 * mails' subject lines (as a rebuild would: the events hold them sealed under the shredded key),
 * and the outbox drops its .eml copies of their mail. Repeating it changes nothing.
 */
@Injectable()
export class ErasedRecipientsConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(ErasedRecipientsConsumer.name);

  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly log: NotificationLogReadModel,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  async onApplicationBootstrap() {
    await this.log.opened;
    await followContactErasures(this.subscriptions, 'notifications.erasures', (id) => this.forget(id));
  }

  private async forget(contactId: string) {
    const forgotten = await rewriteViews(
      this.log.views,
      { where: { recipientKey: `contact:${contactId}` }, orderedBy: 'queuedAt' },
      forgetRecipient,
    );
    for (const entry of forgotten) await this.transport.forget(entry.messageId);
    if (forgotten.length)
      this.logger.log(`forgot ${forgotten.length} messages to erased contact ${contactId}`);
  }
}
