import type { Principal } from '@helpdesk/platform';
import {
  distributedTestSettings,
  type OrganisationFixture,
  seedOrganisations,
  startTestApp,
} from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';

export const agent: Principal = { id: 'agent-1', role: 'agent' };
export const reporter: Principal = { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-a' };
export const colleague: Principal = { id: 'c-colleague', role: 'customer_employee', organisationId: 'org-a' };
export const adminA: Principal = { id: 'c-admin-a', role: 'customer_admin', organisationId: 'org-a' };
export const adminB: Principal = { id: 'c-admin-b', role: 'customer_admin', organisationId: 'org-b' };

export const aTicket = {
  kind: 'error',
  subject: 'Export stops at 50%',
  description: 'The monthly export stops halfway.',
};

/** Their organisations as the contacts service describes them: everyone above authorised; c-former left. */
export const organisations: OrganisationFixture[] = [
  {
    id: 'org-a',
    contacts: [
      { id: 'c-reporter' },
      { id: 'c-colleague' },
      { id: 'c-admin-a', role: 'customer_admin' },
      { id: 'c-former', active: false },
    ],
  },
  { id: 'org-b', contacts: [{ id: 'c-admin-b', role: 'customer_admin' }] },
];

/** Starts the tickets service alone, with the organisations above in its directory. */
export const startTickets = async (database: string) => {
  const desk = await startTestApp(ticketsService, await distributedTestSettings(database));
  await seedOrganisations(desk.app.get(TicketsOrganisationDirectory).views, organisations);
  return desk;
};
