import { EventSubscriptions, followContactErasures } from '@helpdesk/platform';
import { rewriteViews } from '@helpdesk/read-models';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ATTACHMENT_CONTENT, type AttachmentContentStore } from '../../adapters/attachment-content.store';
import { forgetSender } from '../projections/mail-log';
import { MailLog } from './mail-log.read-model';

/**
 * A contact erased on helpdesk.contacts.v1: the mail log forgets the mails they sent (their
 * events hold the address sealed under the shredded key, so a rebuild shows the same) and the
 * original messages, which name them in their headers, are deleted. Repeating it changes nothing.
 */
@Injectable()
export class ErasedSendersConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger(ErasedSendersConsumer.name);

  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly log: MailLog,
    @Inject(ATTACHMENT_CONTENT) private readonly content: AttachmentContentStore,
  ) {}

  async onApplicationBootstrap() {
    await this.log.opened;
    await followContactErasures(this.subscriptions, 'tickets.erasures', (id) => this.forget(id));
  }

  private async forget(contactId: string) {
    const forgotten = await rewriteViews(
      this.log.views,
      { where: { contactId }, orderedBy: 'at' },
      forgetSender,
    );
    for (const { originalId } of forgotten) if (originalId) await this.content.delete(originalId);
    if (forgotten.length)
      this.logger.log(`forgot ${forgotten.length} mails from erased contact ${contactId}`);
  }
}
