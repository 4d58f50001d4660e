/**
 * The mail log: the tickets service's record of every e-mail it received, published on
 * `helpdesk.mail.v1`. One stream per message (`mail-<id>`, the id a hash of its Message-ID), so
 * the same message delivered twice, by IMAP, SMTP or the inbox folder, is decided once. A mail is
 * recorded after what it caused (the ticket or the comment) is stored, never before.
 */
import type { SealedValue } from '../personal-data/sealed-value';

type Event<Type extends string, Data> = { type: Type; data: Data };

/** How a mail reached the desk. */
export const MAIL_CHANNELS = ['imap', 'smtp', 'inbox'] as const;
export type MailChannel = (typeof MAIL_CHANNELS)[number];

/**
 * What became of a mail: filed as a new ticket, a comment or a reassessment request; refused (the
 * sender may not write, one polite reply); ignored (auto-replies, lists, bounces, our own mail:
 * no reply); quarantined (malformed, too large, too many recipients: kept for an agent).
 */
export const MAIL_DECISIONS = [
  'ticket_registered',
  'comment_added',
  'reassessment_requested',
  'refused',
  'ignored',
  'quarantined',
] as const;
export type MailDecision = (typeof MAIL_DECISIONS)[number];

export type MailReceived = Event<
  'MailReceived',
  {
    /** The stream's id: the first 32 hex digits of the SHA-256 of the Message-ID. */
    mailId: string;
    /** As the sender wrote it, with its angle brackets. */
    messageId: string;
    /** The sender's address, lower case. */
    from: string;
    subject: string;
    via: MailChannel;
    decision: MailDecision;
    /** Why it was refused, ignored or quarantined, for agents reading the log. */
    reason?: string;
    /** The ticket it was filed under (or, refused, the one it named). */
    ticketId?: string;
    number?: string;
    /** The sender as a contact, when the desk knows them. */
    contactId?: string;
    organisationId?: string;
    /** The original message, kept as an `.eml` for agents: its attachment id and size. */
    originalId: string;
    size: number;
    at: string;
    /**
     * Refused: the sender is to get one polite reply naming whom to ask (their organisation's
     * administrators). Absent for senders over the hourly limit (a loop we did not recognise).
     */
    answerSender?: boolean;
    /** A delivery status notification (a bounce) about one of our messages, as it reported it. */
    bounce?: DeliveryReport;
  }
>;

/** What a bounce (RFC 3464) says about the message it returns. */
export interface DeliveryReport {
  /** The returned message's Message-ID: one of ours, signed. */
  messageId: string;
  /** `failed` or `delayed` (a `delivered` or `relayed` report is no bounce). */
  action: string;
  /** The enhanced status code, e.g. `5.1.1`. */
  status: string;
  /** The recipient it could not reach, as the reporting server named it. */
  recipient?: string;
  /** The remote server's own words, e.g. `550 5.1.1 No such user`. */
  diagnostic?: string;
}

/**
 * Version 2: the sender's address (and a bounce's recipient) sealed, under the contact's key when
 * the sender is a contact, else under the address's own key.
 */
export type PublishedMailReceived = Event<
  'MailReceived',
  Omit<MailReceived['data'], 'from' | 'bounce'> & {
    from: SealedValue;
    bounce?: Omit<DeliveryReport, 'recipient'> & { recipient?: SealedValue };
  }
>;

export type MailEvent = MailReceived;
/** As published on `helpdesk.mail.v1` (and stored): MailReceived with its addresses sealed. */
export type PublishedMailEvent = PublishedMailReceived;
/** Version 1: the addresses in clear; no longer published. */
export type SupersededMailEvent = MailReceived;
export type MailEventType = MailEvent['type'];
