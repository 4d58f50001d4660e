import { DomainError, type EventStore, fold } from '@helpdesk/event-store';
import { decodeEvent, type NotificationEvent } from '@helpdesk/contracts';
import { EVENT_STORE, type Principal } from '@helpdesk/platform';
import { decodeCursor, encodeCursor } from '@helpdesk/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { deliveryRecordDecider, notificationStream } from '../domain';
import type { NotificationLogEntry } from '../projections/notification-log';
import { NotificationLogReadModel } from './notification-log.read-model';

const notFound = () =>
  new DomainError(
    'not_found',
    'notification_not_found',
    'There is no such message (or it is not yours to read).',
  );

interface Addressed {
  organisationId?: string;
  recipientKey: string;
}

/**
 * The one rule for who reads which messages, as a filter: agents (and systems) every message,
 * administrators their organisation's, others their own. The list queries with it; a single
 * message is checked against it, so both show the same caller the same messages.
 */
const scope = (principal: Principal): Partial<Addressed> => {
  if (principal.role === 'agent' || principal.role === 'system') return {};
  if (principal.role === 'customer_admin') return { organisationId: principal.organisationId ?? '' };
  return { recipientKey: `contact:${principal.id}` };
};

const mayRead = (principal: Principal, message: Addressed) =>
  Object.entries(scope(principal)).every(([field, value]) => message[field as keyof Addressed] === value);

export interface ListNotificationsFilters {
  ticket?: string;
  /** A contact's or agent's id, or an e-mail address. */
  recipient?: string;
  cursor?: string;
  limit: number;
}

/** The delivery log as its readers may see it. */
@Injectable()
export class NotificationQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly log: NotificationLogReadModel,
  ) {}

  async list(principal: Principal, { ticket, recipient, cursor, limit }: ListNotificationsFilters) {
    await this.log.includeCommittedWrites();
    const found = await this.log.views.find({
      where: { ...(ticket ? { ticketId: ticket } : {}), ...scope(principal) },
      ...(recipient ? { either: [{ recipientId: recipient }, { email: recipient.toLowerCase() }] } : {}),
      sort: { field: 'queuedAt', direction: 'desc' },
      ...(cursor ? { after: decodeCursor(cursor) } : {}),
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(listed),
      nextCursor: found.length > limit && last ? encodeCursor({ value: last.queuedAt, id: last.id }) : null,
    };
  }

  /** One message as rendered, from its own stream: always the latest state. */
  async get(principal: Principal, notificationId: string) {
    if (!/^[0-9a-f]{32}$/.test(notificationId)) throw notFound();
    const events = await this.store.readStream(notificationStream(notificationId));
    const record = fold(
      deliveryRecordDecider,
      events.map((e) => decodeEvent<NotificationEvent>(e)),
    );
    if (record.status === 'unqueued' || !mayRead(principal, record.message)) throw notFound();
    const { message } = record;
    return {
      id: record.notificationId,
      ticketId: message.ticketId,
      number: message.number,
      recipient: { key: message.recipientKey, ...message.to },
      language: message.language,
      template: message.template,
      messageId: message.messageId,
      subject: message.subject,
      text: message.text,
      html: message.html,
      status: record.status,
      attempts: record.attempts,
      possiblyRepeated: record.possiblyRepeated,
      queuedAt: record.queuedAt,
      ...(record.lastError ? { lastError: record.lastError } : {}),
      ...(record.retryAt && record.status === 'queued' ? { retryAt: record.retryAt } : {}),
      deliveries: events.filter((e) => e.type !== 'MessageQueued').map(deliveryFact),
    };
  }
}

/** An attempt or its outcome, for the reader of one message. */
const deliveryFact = ({ type, data }: { type: string; data: Record<string, unknown> }) => {
  const { notificationId: _id, ...facts } = data;
  return { type, ...facts };
};

const listed = ({
  revision: _revision,
  dueAt,
  recipientKey,
  recipientId: _id,
  email,
  ...entry
}: NotificationLogEntry) => ({
  ...entry,
  recipient: { key: recipientKey, email },
  ...(entry.status === 'queued' && dueAt ? { nextAttemptAt: dueAt } : {}),
});
