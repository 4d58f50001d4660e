// The organisation's events are its published contract, kept with the others in libs/contracts.
export type {
  ContactAdded,
  ContactAuthorisationRevoked,
  ContactAuthorised,
  ContactDeactivated,
  ContactDetailsChanged,
  ContactErased,
  ContactReactivated,
  ContactRoleChanged,
  OrganisationDeactivated,
  OrganisationDetailsChanged,
  OrganisationEvent,
  OrganisationReactivated,
  OrganisationRegistered,
} from '@helpdesk/contracts';
