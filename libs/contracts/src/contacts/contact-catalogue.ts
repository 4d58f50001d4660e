import type { OrganisationEvent, OrganisationEventType } from './contact-events';

type DataOf<Type extends OrganisationEventType> = Extract<OrganisationEvent, { type: Type }>['data'];

const organisationId = 'org-zorg';
const change = (by: string, at: string) => ({ organisationId, by, at });
const agent = (at: string) => change('agent-7', at);
const admin = (at: string) => change('contact-1', at);
const contactId = 'contact-42';

/**
 * What each organisation event means and one documented example of it. Keyed by every event
 * type, so a new event cannot be published without its description and example.
 */
export const ORGANISATION_EVENTS: {
  [Type in OrganisationEventType]: { summary: string; example: DataOf<Type> };
} = {
  OrganisationRegistered: {
    summary:
      'An agent registered a customer organisation with its contract (SLA policy, calendar). Always followed by its first administrator (ContactAdded).',
    example: {
      ...agent('2026-11-02T09:00:00.000Z'),
      name: 'Zorg BV',
      timeZone: 'Europe/Amsterdam',
      slaPolicy: 'restore-time',
      calendar: 'nl-office',
      language: 'nl',
    },
  },
  OrganisationDetailsChanged: {
    summary: 'Details of the organisation changed; only the fields that changed are listed.',
    example: { ...agent('2026-11-10T14:00:00.000Z'), changes: { slaPolicy: 'response-time' } },
  },
  OrganisationDeactivated: {
    summary: 'The organisation no longer has support (its contract ended); no tickets can be filed for it.',
    example: { ...agent('2027-01-01T00:00:00.000Z'), reason: 'Contract ended' },
  },
  OrganisationReactivated: {
    summary: 'The organisation has support again.',
    example: agent('2027-02-01T09:00:00.000Z'),
  },
  ContactAdded: {
    summary: 'A contact was added to the organisation, with their role and whether they are authorised.',
    example: {
      ...admin('2026-11-02T10:00:00.000Z'),
      contact: {
        id: contactId,
        name: 'Bram Jansen',
        email: 'bram@zorg.example',
        phone: '+31 20 123 4567',
        language: 'nl',
        role: 'customer_employee',
        authorised: true,
        active: true,
      },
    },
  },
  ContactDetailsChanged: {
    summary: "A contact's name, e-mail, phone or language changed; only the fields that changed are listed.",
    example: { ...admin('2026-11-12T08:30:00.000Z'), contactId, changes: { language: 'en' } },
  },
  ContactRoleChanged: {
    summary: 'A contact became an administrator of their organisation, or stopped being one.',
    example: { ...agent('2026-11-12T08:35:00.000Z'), contactId, role: 'customer_admin' },
  },
  ContactAuthorised: {
    summary: 'The contact may now have tickets filed for them.',
    example: { ...admin('2026-11-02T10:05:00.000Z'), contactId },
  },
  ContactAuthorisationRevoked: {
    summary: 'The contact may no longer have tickets filed for them (also when deactivated).',
    example: { ...admin('2026-11-20T16:00:00.000Z'), contactId, reason: 'Moved to another department' },
  },
  ContactDeactivated: {
    summary: 'The contact left the organisation; their authorisation was revoked just before.',
    example: { ...admin('2026-11-30T17:00:00.000Z'), contactId },
  },
  ContactReactivated: {
    summary: 'A former contact is active again (not yet authorised).',
    example: { ...admin('2027-03-01T09:00:00.000Z'), contactId },
  },
};
