import { activeAdministrators, type MailReceived, type Organisation } from '@helpdesk/contracts';
import { messageIdFor } from './message-id';
import type { Notification } from './notification';
import { DEFAULT_LANGUAGE } from './recipients';

export interface RefusedMail {
  /** The id of the MailReceived event: what caused the answer. */
  eventId: string;
  mail: MailReceived['data'];
  /** The sender's organisation, when the sender is a contact of one. */
  organisation?: Organisation;
}

/**
 * The one answer to a refused mail: whom in their organisation to ask (as the API's 403 names
 * them). Only where the mail log asks for it (never to noise, loops or the desk itself), and at
 * most one a day per address: the key is the sender and the day the mail came, so every refused
 * mail of that day, and every redelivery, maps to the same message, which is queued once.
 */
export const answerRefusedMail = ({ eventId, mail, organisation }: RefusedMail): Notification | undefined => {
  if (mail.decision !== 'refused' || !mail.answerSender || !mail.from) return undefined;
  const known = organisation && organisation.status !== 'unregistered' ? organisation : undefined;
  const contact = known && mail.contactId ? known.contacts[mail.contactId] : undefined;
  const dedupeKey = `mail-refused/${mail.from}/${mail.at.slice(0, 10)}`;
  const recipientName = contact?.name;
  return {
    template: 'mail-refused',
    data: {
      yourSubject: mail.subject || '(no subject)',
      ...(known ? { organisationName: known.name } : {}),
      administrators: known ? activeAdministrators(known).map(({ name, email }) => ({ name, email })) : [],
      ...(recipientName ? { recipientName } : {}),
    },
    to: {
      recipient: { email: mail.from },
      email: mail.from,
      ...(recipientName ? { name: recipientName } : {}),
      language: contact?.language ?? known?.language ?? DEFAULT_LANGUAGE,
    },
    eventId,
    dedupeKey,
    messageId: messageIdFor(dedupeKey),
    // Their own mail is the conversation this answer belongs to.
    threadId: mail.messageId,
    ...(mail.messageId ? { inReplyTo: mail.messageId } : {}),
  };
};
