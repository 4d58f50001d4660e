// Shared facts for the organisation decider's tests.
import type { OrganisationEvent } from './organisation.events';
import type { Actor, Contact } from './organisation.types';

export const at = '2026-11-24T10:00:00.000Z';
export const agent: Actor = { id: 'agent-1', role: 'agent' };
export const admin: Actor = { id: 'c-admin', role: 'customer_admin', organisationId: 'org-1' };
export const employee: Actor = { id: 'c-emp', role: 'customer_employee', organisationId: 'org-1' };
export const foreignAdmin: Actor = { id: 'c-other', role: 'customer_admin', organisationId: 'org-2' };

export const by = (actor: Actor) => ({ organisationId: 'org-1', by: actor.id, at });

export const anna: Contact = {
  id: 'c-admin',
  name: 'Anna de Vries',
  email: 'anna@zorg.example',
  language: 'nl',
  role: 'customer_admin',
  authorised: true,
  active: true,
};
export const bram: Contact = {
  id: 'c-emp',
  name: 'Bram Jansen',
  email: 'bram@zorg.example',
  language: 'en',
  role: 'customer_employee',
  authorised: true,
  active: true,
};

export const registered: OrganisationEvent[] = [
  {
    type: 'OrganisationRegistered',
    data: {
      ...by(agent),
      name: 'Zorg BV',
      timeZone: 'Europe/Amsterdam',
      slaPolicy: 'restore-time',
      calendar: 'nl-office',
    },
  },
  { type: 'ContactAdded', data: { ...by(agent), contact: anna } },
];
export const withBram: OrganisationEvent[] = [
  ...registered,
  { type: 'ContactAdded', data: { ...by(admin), contact: bram } },
];
