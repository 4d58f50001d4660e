import type { Principal } from '@helpdesk/platform';
import {
  applyToView,
  organisationProjection,
  type OrganisationView,
  type ViewStore,
} from '@helpdesk/read-models';
import { organisationEvents, startTestApp, type TestApp } from '@helpdesk/testing';
import { TicketsOrganisationDirectory } from '../../tickets/src/consumers/organisation-directory';
import { ticketsService } from '../../tickets/src/tickets.service';
import { NotificationsOrganisationDirectory } from '../src/consumers/organisation-directory';
import { notificationsService } from '../src/notifications.service';

export const ORGANISATION = 'org-zorg';
export const agent: Principal = { id: 'agent-7', role: 'agent' };
/** Anna and the administrator read Dutch, Bram English. */
export const anna: Principal = { id: 'c-anna', role: 'customer_employee', organisationId: ORGANISATION };
export const bram: Principal = { id: 'c-bram', role: 'customer_employee', organisationId: ORGANISATION };
export const admin: Principal = { id: 'c-admin', role: 'customer_admin', organisationId: ORGANISATION };
export const emailOf = (principal: Principal) => `${principal.id}@${ORGANISATION}.example`;

const languages: Record<string, 'nl' | 'en'> = { 'c-anna': 'nl', 'c-bram': 'en', 'c-admin': 'nl' };

/** The organisation as the contacts service would publish it. */
const zorgEvents = () =>
  organisationEvents({
    id: ORGANISATION,
    name: 'Zorg BV',
    contacts: [{ id: 'c-anna' }, { id: 'c-bram' }, { id: 'c-admin', role: 'customer_admin' }],
  }).map((event) => {
    const data = event.data as Record<string, unknown> & { contact?: { id: string } };
    if (event.type === 'OrganisationRegistered') return { ...event, data: { ...data, language: 'nl' } };
    if (!data.contact) return event;
    return {
      ...event,
      data: { ...data, contact: { ...data.contact, language: languages[data.contact.id] } },
    };
  });

const seed = async (views: ViewStore<OrganisationView>) => {
  for (const event of zorgEvents()) await applyToView(organisationProjection, views, event);
};

/** Tickets and notifications as two services would run them, talking over helpdesk.tickets.v1. */
export const ticketsAndNotifications = {
  ...notificationsService,
  name: 'tickets-and-notifications',
  features: [...ticketsService.features, ...notificationsService.features],
};

/** Starts both with the organisation in both directories (again after a restart). */
export const startDesk = async (settings: Record<string, string>): Promise<TestApp> => {
  const desk = await startTestApp(ticketsAndNotifications, settings);
  await seed(desk.app.get(TicketsOrganisationDirectory).views);
  await seed(desk.app.get(NotificationsOrganisationDirectory).views);
  return desk;
};

export const aTicket = {
  kind: 'error',
  subject: 'Export stopt bij 50%',
  description: 'De maandexport stopt halverwege.',
};

export { eventually } from '@helpdesk/testing';
