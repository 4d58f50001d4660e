import { contactSubject, type PersonalField, type PersonalFieldsOf } from './sealed-value';

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
};

export const personalFieldsOf = (type: string): PersonalFieldsOf | undefined =>
  Object.hasOwn(PERSONAL_FIELDS, type) ? PERSONAL_FIELDS[type] : undefined;
