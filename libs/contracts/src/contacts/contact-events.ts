/**
 * The events of an organisation and its contacts: the contacts service's published language on
 * `helpdesk.contacts.v1`. The tickets service keeps its own list of who may file tickets from
 * them; the SLA monitor takes each organisation's policy; notifications its contacts' addresses
 * and languages. JSON Schemas and the AsyncAPI document are generated from this file.
 */
import type { SealedValue } from '../personal-data/sealed-value';

export type Language = 'nl' | 'en';
export type ContactRole = 'customer_admin' | 'customer_employee';

export interface ContactDetails {
  name: string;
  /** Lower case; unique among the organisation's active contacts. */
  email: string;
  phone?: string;
  /** The language the desk writes to them in. */
  language: Language;
}

export interface Contact extends ContactDetails {
  id: string;
  role: ContactRole;
  /** May have tickets filed for them (only while active). */
  authorised: boolean;
  active: boolean;
  /** Erased on request: name, e-mail and phone are gone for good. Absent: not erased. */
  erased?: boolean;
}

export interface OrganisationDetails {
  name: string;
  /** IANA time zone of the organisation, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** The SLA policy of its contract, e.g. `response-time` or `restore-time`. */
  slaPolicy: string;
  /** The support calendar its SLA clocks run on. */
  calendar: string;
  /** The language for contacts who have none of their own; en when absent. */
  language?: Language;
}

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Each event names the organisation, who did it and when. */
interface Change {
  organisationId: string;
  by: string;
  at: string;
}

export type OrganisationRegistered = Event<'OrganisationRegistered', Change & OrganisationDetails>;
export type OrganisationDetailsChanged = Event<
  'OrganisationDetailsChanged',
  Change & { changes: Partial<OrganisationDetails> }
>;
export type OrganisationDeactivated = Event<'OrganisationDeactivated', Change & { reason: string }>;
export type OrganisationReactivated = Event<'OrganisationReactivated', Change>;
export type ContactAdded = Event<'ContactAdded', Change & { contact: Contact }>;
export type ContactDetailsChanged = Event<
  'ContactDetailsChanged',
  Change & { contactId: string; changes: Partial<ContactDetails> }
>;
export type ContactRoleChanged = Event<
  'ContactRoleChanged',
  Change & { contactId: string; role: ContactRole }
>;
export type ContactAuthorised = Event<'ContactAuthorised', Change & { contactId: string }>;
export type ContactAuthorisationRevoked = Event<
  'ContactAuthorisationRevoked',
  Change & { contactId: string; reason: string }
>;
export type ContactDeactivated = Event<'ContactDeactivated', Change & { contactId: string }>;
export type ContactReactivated = Event<'ContactReactivated', Change & { contactId: string }>;
/**
 * The contact was erased on request (GDPR article 17): their key is deleted, so their name,
 * e-mail and phone can no longer be read anywhere. Subscribers erase their own copies. It
 * names who asked for it and why, and no personal data.
 */
export type ContactErased = Event<'ContactErased', Change & { contactId: string; reason: string }>;

export type OrganisationEvent =
  | OrganisationRegistered
  | OrganisationDetailsChanged
  | OrganisationDeactivated
  | OrganisationReactivated
  | ContactAdded
  | ContactDetailsChanged
  | ContactRoleChanged
  | ContactAuthorised
  | ContactAuthorisationRevoked
  | ContactDeactivated
  | ContactReactivated
  | ContactErased;

/** A contact as published since version 2: name, e-mail and phone sealed under the contact's key. */
export interface PublishedContact extends Omit<Contact, 'name' | 'email' | 'phone'> {
  name: SealedValue;
  email: SealedValue;
  phone?: SealedValue;
}

/** Changed details as published since version 2: personal ones sealed. */
export interface PublishedContactChanges {
  name?: SealedValue;
  email?: SealedValue;
  phone?: SealedValue;
  language?: Language;
}

export type PublishedContactAdded = Event<'ContactAdded', Change & { contact: PublishedContact }>;
export type PublishedContactDetailsChanged = Event<
  'ContactDetailsChanged',
  Change & { contactId: string; changes: PublishedContactChanges }
>;

/**
 * The events as they are on `helpdesk.contacts.v1` (and in the event store): code reads them
 * through the decode seam with personal values opened (OrganisationEvent), subscribers get this.
 */
export type PublishedOrganisationEvent =
  | Exclude<OrganisationEvent, ContactAdded | ContactDetailsChanged>
  | PublishedContactAdded
  | PublishedContactDetailsChanged;

/** Version 1 of the events that carry personal data: published in clear until version 2 sealed it. */
export type SupersededOrganisationEvent = ContactAdded | ContactDetailsChanged;

export type OrganisationEventType = OrganisationEvent['type'];
