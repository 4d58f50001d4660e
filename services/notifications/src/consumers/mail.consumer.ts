import { eventNameOf, type MailReceived, TOPICS } from '@helpdesk/contracts';
import { type EventStore } from '@helpdesk/event-store';
import { type ConsumedEvent, NotYetKnown } from '@helpdesk/messaging';
import { EVENT_STORE, EventSubscriptions, verifyMessageId } from '@helpdesk/platform';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { changeDeliveryRecord } from '../application/delivery-record';
import { NotificationLogReadModel } from '../application/notification-log.read-model';
import { NotificationQueue } from '../application/notification-queue';
import { answerRefusedMail } from '../domain';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notifications.settings';
import { isNews } from './news';
import { NotificationsOrganisationDirectory } from './organisation-directory';

/**
 * What the mail log (helpdesk.mail.v1) asks of the delivery side: the one polite answer to a
 * refused sender, and a bounce recorded on the message it returns.
 */
@Injectable()
export class MailConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('MailConsumer');

  constructor(
    private readonly subscriptions: EventSubscriptions,
    private readonly directory: NotificationsOrganisationDirectory,
    private readonly queue: NotificationQueue,
    private readonly log: NotificationLogReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async onApplicationBootstrap() {
    await this.directory.ready.promise;
    await this.subscriptions.subscribe({
      group: 'notifications.mail',
      topics: [TOPICS.mail],
      handler: (message) => this.handle(message),
    });
  }

  private async handle({ event }: ConsumedEvent) {
    if (eventNameOf(event.type) !== 'MailReceived') return;
    const mail = event.data as MailReceived['data'];
    const cause = { correlationId: event.correlationid, causationId: event.id };
    if (mail.bounce) return this.recordBounce(mail);
    if (!isNews(event.time, this.settings.maxEventAgeMs)) return;
    const organisation = mail.organisationId
      ? await this.directory.organisation(mail.organisationId)
      : undefined;
    const answer = answerRefusedMail({ eventId: event.id, mail, organisation });
    if (answer) await this.queue.queue([answer], mail.organisationId, cause);
  }

  /** Only a Message-ID we signed names a message of ours: a made-up report changes nothing. */
  private async recordBounce(mail: MailReceived['data']) {
    const report = mail.bounce!;
    if (!verifyMessageId(report.messageId, this.settings.mailReferenceSecret)) {
      this.logger.warn(`bounce ${mail.mailId} names ${report.messageId}, which is not one of ours`);
      return;
    }
    await this.log.includeCommittedWrites();
    const [entry] = await this.log.views.find({
      where: { messageId: report.messageId },
      sort: { field: 'id', direction: 'asc' },
      limit: 1,
    });
    // Signed by us, so queued by us: this copy of the log has not got there yet.
    if (!entry) throw new NotYetKnown(`message ${report.messageId} in the delivery log`);
    const { status, action, diagnostic } = report;
    await changeDeliveryRecord(this.store, entry.id, {
      type: 'RecordBounce',
      at: mail.at,
      mailId: mail.mailId,
      report: { status, action, ...(diagnostic ? { diagnostic } : {}) },
    });
    this.logger.warn(`${report.messageId} to ${entry.email} bounced: ${status} ${diagnostic ?? ''}`);
  }
}
