import {
  decodeEvent,
  type Language,
  type NotificationEvent,
  type NotificationTemplate,
} from '@helpdesk/contracts';
import { ERASED } from '@helpdesk/personal-data';
import type { Projection, View } from '@helpdesk/read-models';

/** One message in the delivery log, as lists show it (its text and HTML stay in its stream). */
export interface NotificationLogEntry extends View {
  /** Absent for the answer to a refused mail. */
  ticketId?: string;
  organisationId?: string;
  number?: string;
  recipientKey: string;
  /** The contact's or agent's id; absent for a bare address. */
  recipientId?: string;
  email: string;
  language: Language;
  template: NotificationTemplate;
  subject: string;
  messageId: string;
  status: 'queued' | 'sent' | 'failed' | 'bounced';
  attempts: number;
  possiblyRepeated: boolean;
  queuedAt: string;
  /** When the dispatcher should try next (queued only): the queue's order. */
  dueAt?: string;
  sentAt?: string;
  lastError?: string;
  /** The bounce's enhanced status code (e.g. `5.1.1`) and the remote server's words. */
  bounceStatus?: string;
  bounceDiagnostic?: string;
  bouncedAt?: string;
}

const idOfPerson = (recipientKey: string) => {
  const [kind, ...rest] = recipientKey.split(':');
  return kind === 'contact' || kind === 'agent' ? rest.join(':') : undefined;
};

/** The delivery log for lists and for the dispatcher's queue. */
export const notificationLogProjection: Projection<NotificationLogEntry> = {
  name: 'notification-log',
  documentId: (event) =>
    event.streamId.startsWith('notification-')
      ? decodeEvent<NotificationEvent>(event).data.notificationId
      : undefined,
  evolve: (current, stored) => {
    const event = decodeEvent<NotificationEvent>(stored);
    if (event.type === 'MessageQueued') {
      const { data } = event;
      const recipientId = idOfPerson(data.recipientKey);
      const entry: NotificationLogEntry = {
        id: data.notificationId,
        revision: stored.revision,
        ...(data.ticketId ? { ticketId: data.ticketId } : {}),
        ...(data.organisationId ? { organisationId: data.organisationId } : {}),
        ...(data.number ? { number: data.number } : {}),
        recipientKey: data.recipientKey,
        ...(recipientId ? { recipientId } : {}),
        email: data.to.email.toLowerCase(),
        language: data.language,
        template: data.template,
        subject: data.subject,
        messageId: data.messageId,
        status: 'queued',
        attempts: 0,
        possiblyRepeated: false,
        queuedAt: data.at,
        dueAt: data.at,
      };
      return entry.email === ERASED ? forgetRecipient(entry) : entry;
    }
    if (!current) throw new Error(`${stored.streamId}: ${event.type} before MessageQueued`);
    switch (event.type) {
      case 'DeliveryAttempted':
        return { ...current, attempts: event.data.attempt };
      case 'MessageSent': {
        const { dueAt: _dueAt, ...rest } = current;
        return {
          ...rest,
          status: 'sent',
          sentAt: event.data.at,
          possiblyRepeated: event.data.possiblyRepeated,
        };
      }
      case 'MessageFailed': {
        const { dueAt: _dueAt, ...rest } = current;
        const next = event.data.permanent ? {} : { dueAt: event.data.retryAt };
        return {
          ...rest,
          ...next,
          status: event.data.permanent ? 'failed' : 'queued',
          lastError: event.data.error,
        };
      }
      case 'MessageBounced': {
        const { dueAt: _dueAt, ...rest } = current;
        const bounced: NotificationLogEntry = {
          ...rest,
          status: 'bounced',
          bounceStatus: event.data.status,
          ...(event.data.diagnostic ? { bounceDiagnostic: event.data.diagnostic } : {}),
          bouncedAt: event.data.at,
        };
        return current.email === ERASED ? forgetRecipient(bounced) : bounced;
      }
    }
  },
};

/**
 * What the delivery log keeps of a message to an erased person: that it was sent, and when, not
 * to whom or about what (a bounce's diagnostic names the address). The same whether the log
 * forgets it on ContactErased or is rebuilt after (the address then opens as ERASED).
 */
export const forgetRecipient = (entry: NotificationLogEntry): NotificationLogEntry => {
  const { bounceDiagnostic: _diagnostic, ...kept } = entry;
  return { ...kept, email: ERASED, subject: ERASED };
};
