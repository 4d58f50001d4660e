import { createHash } from 'node:crypto';

/**
 * The subject of an outside person known only by an e-mail address (a participant, a mail's
 * sender who is no contact, a bounce's recipient): a hash of the address, so the subject itself,
 * written in clear in every envelope and the key table, does not reveal it. One key per address.
 */
export const addressSubject = (address: string) =>
  `address:${createHash('sha256').update(address.trim().toLowerCase()).digest('hex')}`;

/**
 * The subject of one free text of a ticket (`description`, or `comment/<commentId>`): its own key,
 * made when the text is written and deleted when an agent redacts it (GDPR 19.3).
 */
export const ticketTextSubject = (ticketId: string, text: 'description' | `comment/${string}`) =>
  `ticket-text:${ticketId}/${text}`;
