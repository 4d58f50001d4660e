import type { Actor, ContactDetails, ContactRole, OrganisationDetails } from './organisation.types';

type Command<Type extends string, Data> = { type: Type; data: Data; actor: Actor; at: string };

export type RegisterOrganisation = Command<
  'RegisterOrganisation',
  OrganisationDetails & { organisationId: string; administrator: ContactDetails & { contactId: string } }
>;
export type ChangeOrganisationDetails = Command<
  'ChangeOrganisationDetails',
  { changes: Partial<OrganisationDetails> }
>;
export type DeactivateOrganisation = Command<'DeactivateOrganisation', { reason: string }>;
export type ReactivateOrganisation = Command<'ReactivateOrganisation', Record<string, never>>;
export type AddContact = Command<
  'AddContact',
  ContactDetails & { contactId: string; role: ContactRole; authorised: boolean }
>;
export type ChangeContactDetails = Command<
  'ChangeContactDetails',
  { contactId: string; changes: Partial<ContactDetails> }
>;
export type ChangeContactRole = Command<'ChangeContactRole', { contactId: string; role: ContactRole }>;
export type AuthoriseContact = Command<'AuthoriseContact', { contactId: string }>;
export type RevokeAuthorisation = Command<'RevokeAuthorisation', { contactId: string; reason: string }>;
export type DeactivateContact = Command<'DeactivateContact', { contactId: string }>;
export type ReactivateContact = Command<'ReactivateContact', { contactId: string }>;
/** The person asked to be forgotten (GDPR art. 17): why, in the words of who records it. */
export type EraseContact = Command<
  'EraseContact',
  {
    contactId: string;
    reason: string;
    /** Erased by the retention sweep (the system), never on request: only a contact no longer active. */
    byRetention?: boolean;
  }
>;

export type OrganisationCommand =
  | RegisterOrganisation
  | ChangeOrganisationDetails
  | DeactivateOrganisation
  | ReactivateOrganisation
  | AddContact
  | ChangeContactDetails
  | ChangeContactRole
  | AuthoriseContact
  | RevokeAuthorisation
  | DeactivateContact
  | ReactivateContact
  | EraseContact;
