import { type EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { ERASED } from '@helpdesk/personal-data';
import { EVENT_STORE } from '@helpdesk/platform';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notifications.settings';
import { changeDeliveryRecord } from './delivery-record';
import { DeliveryRefused, MAIL_TRANSPORT, type MailTransport } from './mail-transport';
import { NotificationLogReadModel } from './notification-log.read-model';

const PAGE = 100;

/**
 * Sends every queued message that is due: on start (what a previous run left), after each
 * queueing, and when a retry falls due. Each attempt is recorded before the send and its
 * outcome after it, so a crash in between is known and the repeat said so. Every replica
 * dispatches: the recorded attempt is the message's claim (see the delivery record).
 */
@Injectable()
export class MessageDispatcher
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('MessageDispatcher');
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    private readonly log: NotificationLogReadModel,
  ) {}

  onApplicationBootstrap() {
    void this.log.ready.promise.then(
      () => this.kick(),
      () => undefined,
    );
  }

  /** Look at the queue now (again, if a look is under way: it may have missed what just came in). */
  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Before the event store closes: the send under way finishes and its outcome is recorded. */
  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async onApplicationShutdown() {
    await this.transport.close();
  }

  private async drain() {
    let nextDue: number | undefined;
    do {
      this.again = false;
      try {
        nextDue = await this.sendDue();
      } catch (error) {
        this.logger.error(`the queue could not be read: ${(error as Error).message}`);
        nextDue = undefined;
      }
    } while (this.again && !this.stopped);
    if (this.stopped) return;
    const wait = Math.min(this.settings.pollMs, Math.max(0, (nextDue ?? Infinity) - Date.now()));
    this.timer = setTimeout(() => this.kick(), wait);
  }

  /** Sends what is due; answers when the next one falls due. */
  private async sendDue(): Promise<number | undefined> {
    await this.log.includeCommittedWrites();
    const now = new Date().toISOString();
    const due = await this.log.views.find({
      where: { status: 'queued' },
      range: { dueAt: { lte: now } },
      sort: { field: 'dueAt', direction: 'asc' },
      limit: PAGE,
    });
    for (const entry of due) {
      if (this.stopped) return undefined;
      await this.deliver(entry.id);
    }
    if (due.length === PAGE) this.again = true;
    const [later] = await this.log.views.find({
      where: { status: 'queued' },
      range: { dueAt: { gte: now } },
      sort: { field: 'dueAt', direction: 'asc' },
      limit: 1,
    });
    return later?.dueAt ? Date.parse(later.dueAt) : undefined;
  }

  private async deliver(notificationId: string) {
    const at = () => new Date().toISOString();
    let attempt;
    try {
      attempt = await changeDeliveryRecord(
        this.store,
        notificationId,
        { type: 'AttemptDelivery', at: at(), claimMs: this.settings.claimMs },
        { once: true },
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return; // another replica is on it
      throw error;
    }
    const record = attempt.state;
    // Sent or given up meanwhile (the list was older than the record), or claimed by another replica.
    if (attempt.events.length === 0 || record.status !== 'queued') return;
    const { message } = record;
    try {
      // The recipient was erased after the message was queued: their key is gone, and so is the address.
      if (message.to.email === ERASED) throw new DeliveryRefused('the recipient was erased', true);
      await this.transport.send({
        from: this.settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        references: message.threadId,
        ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
      });
    } catch (error) {
      const refused = error instanceof DeliveryRefused ? error : new DeliveryRefused(String(error), false);
      this.logger.warn(
        `${message.messageId} to ${message.recipientKey}, attempt ${record.attempts}: ${refused.message}`,
      );
      await changeDeliveryRecord(this.store, notificationId, {
        type: 'RecordFailure',
        at: at(),
        error: refused.message,
        permanent: refused.permanent,
        schedule: this.settings.retry,
      });
      return;
    }
    await changeDeliveryRecord(this.store, notificationId, { type: 'RecordSent', at: at() });
    if (record.possiblyRepeated)
      this.logger.warn(
        `${message.messageId} to ${message.recipientKey} sent again after an attempt without outcome: possibly repeated`,
      );
  }
}
