import type { Contact, ContactDetails, ContactRole, OrganisationDetails } from './organisation.types';

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Each event says who did it and when, for the history and for subscribers. */
interface By {
  organisationId: string;
  by: string;
  at: string;
}

export type OrganisationRegistered = Event<'OrganisationRegistered', By & OrganisationDetails>;
export type OrganisationDetailsChanged = Event<
  'OrganisationDetailsChanged',
  By & { changes: Partial<OrganisationDetails> }
>;
export type OrganisationDeactivated = Event<'OrganisationDeactivated', By & { reason: string }>;
export type OrganisationReactivated = Event<'OrganisationReactivated', By>;
export type ContactAdded = Event<'ContactAdded', By & { contact: Contact }>;
export type ContactDetailsChanged = Event<
  'ContactDetailsChanged',
  By & { contactId: string; changes: Partial<ContactDetails> }
>;
export type ContactRoleChanged = Event<'ContactRoleChanged', By & { contactId: string; role: ContactRole }>;
export type ContactAuthorised = Event<'ContactAuthorised', By & { contactId: string }>;
export type ContactAuthorisationRevoked = Event<
  'ContactAuthorisationRevoked',
  By & { contactId: string; reason: string }
>;
export type ContactDeactivated = Event<'ContactDeactivated', By & { contactId: string }>;
export type ContactReactivated = Event<'ContactReactivated', By & { contactId: string }>;

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
  | ContactReactivated;
