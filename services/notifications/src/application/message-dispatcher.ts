import { type EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { ERASED } from '@helpdesk/personal-data';
import { DeliveryRefused, EVENT_STORE, MAIL_TRANSPORT, type MailTransport } from '@helpdesk/platform';
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
import { NotificationLogReadModel } from './notification-log.read-model';
import { inSpan, SpanKind } from '@helpdesk/contracts';
import { context, type Context, trace } from '@opentelemetry/api';

/** Traces of queued messages kept for their send (see rememberTrace). */
const REMEMBERED_TRACES = 10000;

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
  private readonly traces = new Map<string, Context>();

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

  /**
   * Remembers the trace a message was queued in (the consumer's), so that its send, which the
   * dispatcher's own loop makes later, is part of it. In this process only: a send after a
   * restart or by another replica starts a trace of its own. Bounded: the oldest are forgotten.
   */
  rememberTrace(notificationId: string) {
    const queuedIn = context.active();
    if (!trace.getSpanContext(queuedIn)) return;
    this.traces.set(notificationId, queuedIn);
    if (this.traces.size > REMEMBERED_TRACES) this.traces.delete(this.traces.keys().next().value as string);
  }

  private sendInSpan(notificationId: string, send: () => Promise<void>) {
    const parent = this.traces.get(notificationId);
    this.traces.delete(notificationId);
    return inSpan(
      'smtp send',
      {
        kind: SpanKind.CLIENT,
        parent,
        // No address on the span: traces leave the desk, and an address is personal data.
        attributes: { 'helpdesk.notification': notificationId },
      },
      send,
    );
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
      await this.sendInSpan(notificationId, () =>
        this.transport.send({
          from: this.settings.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          references: message.threadId,
          ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
        }),
      );
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
