import type { Principal } from '@helpdesk/platform';
import {
  distributedTestSettings,
  type OrganisationFixture,
  seedOrganisations,
  startTestApp,
} from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { ticketsService } from '../src/tickets.service';

/** Contact ids are UUIDs (v4), as the contacts service makes them: the API refuses others in paths. */
export const formerContactId = '0a1b2c3d-0000-4000-8000-000000000005';
/** A well-formed contact id that belongs to nobody. */
export const unknownContactId = '0a1b2c3d-0000-4000-8000-0000000000ff';

export const agent: Principal = { id: 'agent-1', role: 'agent' };
export const reporter: Principal = {
  id: '0a1b2c3d-0000-4000-8000-000000000001',
  role: 'customer_employee',
  organisationId: 'org-a',
};
export const colleague: Principal = {
  id: '0a1b2c3d-0000-4000-8000-000000000002',
  role: 'customer_employee',
  organisationId: 'org-a',
};
export const adminA: Principal = {
  id: '0a1b2c3d-0000-4000-8000-000000000003',
  role: 'customer_admin',
  organisationId: 'org-a',
};
export const adminB: Principal = {
  id: '0a1b2c3d-0000-4000-8000-000000000004',
  role: 'customer_admin',
  organisationId: 'org-b',
};

export const aTicket = {
  kind: 'error',
  subject: 'Export stops at 50%',
  description: 'The monthly export stops halfway.',
};

/** Their organisations as the contacts service describes them: everyone above authorised; the former contact left. */
export const organisations: OrganisationFixture[] = [
  {
    id: 'org-a',
    contacts: [
      { id: '0a1b2c3d-0000-4000-8000-000000000001' },
      { id: '0a1b2c3d-0000-4000-8000-000000000002' },
      { id: '0a1b2c3d-0000-4000-8000-000000000003', role: 'customer_admin' },
      { id: formerContactId, active: false },
    ],
  },
  { id: 'org-b', contacts: [{ id: '0a1b2c3d-0000-4000-8000-000000000004', role: 'customer_admin' }] },
];

/** Starts the tickets service alone, with the organisations above in its directory. */
export const startTickets = async (database: string) => {
  const desk = await startTestApp(ticketsService, await distributedTestSettings(database));
  await seedOrganisations(desk.app.get(TicketsOrganisationDirectory).views, organisations);
  return desk;
};
