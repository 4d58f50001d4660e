/**
 * The delivery log's events: the notifications service's published language on
 * `helpdesk.notifications.v1`. One stream per message (`notification-<id>`, the id a hash of the
 * message's dedupe key: the event that caused it and its recipient), so a message is queued at
 * most once however often its cause is redelivered. Every attempt to hand it to the mail server
 * is recorded before it is made, so a message sent again after a crash says so.
 */
import type { Language } from '../contacts/contact-events';
import type { SealedValue } from '../personal-data/sealed-value';

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Every event of the log names its message and when it happened. */
interface DeliveryFact {
  notificationId: string;
  at: string;
}

/** The templates messages are written from. */
export const NOTIFICATION_TEMPLATES = [
  'ticket-registered',
  'ticket-updated',
  'reassessment-decided',
  'sla-alert',
  'mail-refused',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

export type MessageQueued = Event<
  'MessageQueued',
  DeliveryFact & {
    /** `<event id>/<recipient key>`: at most one message per key. */
    dedupeKey: string;
    /** The (first) event of the command that caused the message. */
    eventId: string;
    /** The ticket it is about; absent for the reply to a refused mail, which concerns none. */
    ticketId?: string;
    /** The ticket's organisation (its administrators may read the message); absent for an unknown sender. */
    organisationId?: string;
    /** The ticket's human reference, e.g. `HD-00042`; absent with `ticketId`. */
    number?: string;
    /** `contact:<id>`, `agent:<id>` or `email:<sha-256 of the address>`: stable across address changes. */
    recipientKey: string;
    to: { email: string; name?: string };
    language: Language;
    template: NotificationTemplate;
    /** The message as rendered when queued, so a later template change never alters it. */
    subject: string;
    text: string;
    html: string;
    /** The RFC 5322 Message-ID, derived from the dedupe key: a repeat carries the same one. */
    messageId: string;
    /** Named in References: one conversation per ticket in the reader's mail client. */
    threadId: string;
    /** The recipient's own mail this message answers (In-Reply-To), e.g. the mail that filed the ticket. */
    inReplyTo?: string;
  }
>;

/** About to hand the message to the mail server: from here on it may have arrived. */
export type DeliveryAttempted = Event<'DeliveryAttempted', DeliveryFact & { attempt: number }>;

export type MessageSent = Event<
  'MessageSent',
  DeliveryFact & {
    attempt: number;
    /**
     * An earlier attempt ended without a recorded outcome (the service stopped in between): the
     * mail server may have received the message then too. It carries the same Message-ID.
     */
    possiblyRepeated: boolean;
  }
>;

export type MessageFailed = Event<
  'MessageFailed',
  DeliveryFact & {
    attempt: number;
    /** The mail server refused for good (5xx), or the attempts ran out: no more tries. */
    permanent: boolean;
    error: string;
    /** A temporary failure: when the next attempt is due. */
    retryAt?: string;
  }
>;

/**
 * A mail server returned the message after accepting it: a delivery status notification (RFC 3464)
 * came back naming its Message-ID. The recipient did not get it.
 */
export type MessageBounced = Event<
  'MessageBounced',
  DeliveryFact & {
    /** The enhanced status code the report gave, e.g. `5.1.1`. */
    status: string;
    /** `failed` or `delayed`. */
    action: string;
    diagnostic?: string;
    /** The mail log entry of the report (helpdesk.mail.v1). */
    mailId: string;
  }
>;

export type NotificationEvent =
  MessageQueued | DeliveryAttempted | MessageSent | MessageFailed | MessageBounced;

/**
 * Version 2: to a contact or a bare address, the address, the name, the subject and the texts are
 * sealed under the recipient's key (a contact's, or the address's), so erasing them leaves no
 * readable copy; a message to an agent stays in clear.
 */
export type PublishedMessageQueued = Event<
  'MessageQueued',
  Omit<MessageQueued['data'], 'to' | 'subject' | 'text' | 'html'> & {
    to: { email: string | SealedValue; name?: string | SealedValue };
    subject: string | SealedValue;
    text: string | SealedValue;
    html: string | SealedValue;
  }
>;

/** As published on `helpdesk.notifications.v1` (and stored). */
export type PublishedNotificationEvent = Exclude<NotificationEvent, MessageQueued> | PublishedMessageQueued;
/** Version 1 of MessageQueued: every value in clear; no longer published. */
export type SupersededNotificationEvent = MessageQueued;

export type NotificationEventType = NotificationEvent['type'];
