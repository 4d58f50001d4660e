import { TOPICS } from '@helpdesk/contracts';
import type { Principal } from '@helpdesk/platform';
import {
  applyToView,
  organisationProjection,
  type OrganisationView,
  type ViewStore,
} from '@helpdesk/read-models';
import { organisationEvents, requireInfra, startTestApp, type TestApp } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
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

/**
 * The topics hold every earlier run's events: the test's consumer groups start at their end, as
 * a deployment that has read them would, instead of working through them first.
 */
const skipEarlierRuns = async (groupPrefix: string) => {
  const kafka = new Kafka({
    clientId: 'skip-earlier-runs',
    brokers: [requireInfra('KAFKA_BROKERS')],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    for (const [group, topic] of [
      ['notifications.tickets', TOPICS.tickets],
      ['notifications.sla', TOPICS.sla],
    ]) {
      if (!existing.includes(topic)) continue;
      const partitions = (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
        partition,
        offset: high,
      }));
      await admin.setOffsets({ groupId: `${groupPrefix}${group}`, topic, partitions });
    }
  } finally {
    await admin.disconnect();
  }
};

/** Starts both with the organisation in both directories; `restart`: on the state a previous start left. */
export const startDesk = async (
  settings: Record<string, string>,
  { restart = false } = {},
): Promise<TestApp> => {
  if (!restart) await skipEarlierRuns(settings.KAFKA_GROUP_PREFIX ?? '');
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

/** Polls until `check` holds (the service works asynchronously), failing with the last value. */
export const eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 60000) => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`still not as expected: ${JSON.stringify(value, null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
};
