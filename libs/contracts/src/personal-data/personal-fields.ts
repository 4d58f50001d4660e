import { contactSubject, type PersonalField, type PersonalFieldsOf } from './sealed-value';
import { addressSubject, ticketTextSubject } from './ticket-subjects';

const CONTACT_FIELDS = ['name', 'email', 'phone'] as const;
const contactFields = (contactId: unknown, at: string[]): PersonalField[] =>
  CONTACT_FIELDS.map((field) => ({ path: [...at, field], subject: contactSubject(String(contactId)) }));

/**
 * Every event type that carries personal data, and where: these fields are sealed on append and
 * published sealed (see SealedValue); everything else of an event (ids, times, ticket text) stays
 * as it is. A new personal field is added here, with a new version of its event type.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, PersonalFieldsOf>> = {
  ContactAdded: (data) => contactFields((data.contact as { id?: unknown })?.id, ['contact']),
  ContactDetailsChanged: (data) => contactFields(data.contactId, ['changes']),
  TicketRegistered: (data) => [
    { path: ['description'], subject: ticketTextSubject(String(data.ticketId), 'description') },
  ],
  CommentAdded: (data) => [
    {
      path: ['body'],
      subject: ticketTextSubject(String(data.ticketId), `comment/${String(data.commentId)}`),
    },
  ],
  ParticipantAdded: (data) => participantFields(data),
  ParticipantRemoved: (data) => participantFields(data),
  MailReceived: (data) => [
    {
      path: ['from'],
      subject: data.contactId ? contactSubject(String(data.contactId)) : addressSubject(String(data.from)),
    },
    ...addressField(['bounce', 'recipient'], (data.bounce as { recipient?: unknown })?.recipient),
  ],
  MessageQueued: (data) => {
    const subject = recipientSubject(String(data.recipientKey));
    return subject ? MESSAGE_FIELDS.map((path) => ({ path, subject })) : [];
  },
};

/** A message to a person holds their address and name, and its text addresses them by name. */
const MESSAGE_FIELDS = [['to', 'email'], ['to', 'name'], ['subject'], ['text'], ['html']];

/**
 * Whose key seals a message: the contact's, or the bare address's (`email:<hash>` is that hash);
 * a message to an agent (the vendor's own staff) is not sealed.
 */
const recipientSubject = (recipientKey: string) => {
  const [kind, id] = recipientKey.split(/:(.*)/s);
  if (kind === 'contact') return contactSubject(id);
  if (kind === 'email') return `address:${id}`;
  return undefined;
};

/** An address already sealed names its subject itself: sealing skips it, so any subject will do. */
const addressField = (path: string[], address: unknown): PersonalField[] =>
  typeof address === 'string' ? [{ path, subject: addressSubject(address) }] : [];

const participantFields = (data: Record<string, unknown>) =>
  addressField(['participant', 'email'], (data.participant as { email?: unknown })?.email);

export const personalFieldsOf = (type: string): PersonalFieldsOf | undefined =>
  Object.hasOwn(PERSONAL_FIELDS, type) ? PERSONAL_FIELDS[type] : undefined;
