import type { SealedValue } from '../personal-data/sealed-value';
import { WITHDRAWN_FOR_PERSONAL_DATA } from '../withdrawn-versions';
import type { EventContract } from '../catalogue';
import type { OrganisationEventType, PublishedOrganisationEvent } from './contact-events';

type DataOf<Type extends OrganisationEventType> = Extract<PublishedOrganisationEvent, { type: Type }>['data'];

const organisationId = 'org-zorg';
const change = (by: string, at: string) => ({ organisationId, by, at });
const agent = (at: string) => change('agent-7', at);
const admin = (at: string) => change('contact-1', at);
const contactId = 'contact-42';
// What the documented examples' sealed values look like (random bytes: no key opens them).
const sealed = (iv: string, ct: string): SealedValue => ({ pii: 1, subject: `contact:${contactId}`, iv, ct });

/**
 * What each organisation event means and one documented example of it. Keyed by every event
 * type, so a new event cannot be published without its description and example.
 */
export const ORGANISATION_EVENTS: {
  [Type in OrganisationEventType]: {
    summary: string;
    example: DataOf<Type>;
    version?: number;
    typeName?: string;
  };
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
    version: 2,
    typeName: 'PublishedContactAdded',
    summary:
      "A contact was added to the organisation, with their role and whether they are authorised. Name, e-mail and phone are sealed under the contact's key (SealedValue).",
    example: {
      ...admin('2026-11-02T10:00:00.000Z'),
      contact: {
        id: contactId,
        name: sealed('p3Hk8s1vQm0aZx2c', 'vJ8oH2m5mK7xP3b1aQ9e0u2r4t6y8w0z'),
        email: sealed('Yq4n7Rb2Lw9sTe1u', 'Qm3nV8b7Cx6Zl5Kj4Hg3Fd2Sa1Po0Iu9Yt8Rewq'),
        phone: sealed('Hc6v9Nm2Bx5Zl8Ka', 'Jh7Gf6Ds5Aq4Wz3Xe2Cr1Vt0Bn9My8'),
        language: 'nl',
        role: 'customer_employee',
        authorised: true,
        active: true,
      },
    },
  },
  ContactDetailsChanged: {
    version: 2,
    typeName: 'PublishedContactDetailsChanged',
    summary:
      "A contact's name, e-mail, phone or language changed; only the fields that changed are listed, personal ones sealed (SealedValue).",
    example: {
      ...admin('2026-11-12T08:30:00.000Z'),
      contactId,
      changes: { email: sealed('Rt5y7U9i1O3p5A7s', 'Df8Gh0Jk2Lz4Xc6Vb8Nm0Qw2Er4Ty6Ui8Op0'), language: 'en' },
    },
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
  ContactErased: {
    summary:
      'The contact was erased on request (GDPR): their key is deleted, so their sealed name, e-mail and phone open nowhere any more. Erase your copies. Names who asked (`by`) and why; holds no personal data.',
    example: {
      ...agent('2027-04-01T09:00:00.000Z'),
      contactId,
      reason: 'Erasure requested by the person (GDPR art. 17)',
    },
  },
};

/** Versions 1 of the events with personal data, published in clear before version 2 sealed them. */
export const SUPERSEDED_ORGANISATION_EVENTS: EventContract[] = [
  {
    name: 'ContactAdded',
    version: 1,
    typeName: 'ContactAdded',
    summary: 'A contact was added (version 1: name, e-mail and phone in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
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
  {
    name: 'ContactDetailsChanged',
    version: 1,
    typeName: 'ContactDetailsChanged',
    summary: "A contact's details changed (version 1: values in clear; no longer published).",
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: { ...admin('2026-11-12T08:30:00.000Z'), contactId, changes: { language: 'en' } },
  },
];
