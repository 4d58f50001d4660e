import { createHash } from 'node:crypto';

/** The right-hand side of our Message-IDs; the delivery layer may pass its own mail domain. */
export const DEFAULT_MESSAGE_DOMAIN = 'helpdesk.local';

/**
 * A Message-ID (RFC 5322 msg-id) that is the same every time the same event is delivered to
 * the same recipient, so a message sent twice despite the dedupe key is still recognisable
 * as one by mail servers and clients.
 */
export const messageIdFor = (dedupeKey: string, domain = DEFAULT_MESSAGE_DOMAIN): string =>
  `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40)}@${domain}>`;

/**
 * A msg-id no message carries, named in every message's References header so that mail
 * clients show all of a ticket's messages as one conversation.
 */
export const ticketThreadIdFor = (ticketId: string, domain = DEFAULT_MESSAGE_DOMAIN): string =>
  `<ticket.${ticketId.replace(/[^\w.-]/g, '-')}@${domain}>`;
