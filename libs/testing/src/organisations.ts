import {
  type CloudEvent,
  cloudEventType,
  type ContactRole,
  type OrganisationEvent,
  schemaUrn,
  topicContract,
  TOPICS,
} from '@helpdesk/contracts';
import { randomUUID } from 'node:crypto';
import { sendToTopic } from './published-events';
import {
  applyToView,
  organisationProjection,
  type OrganisationView,
  type ProjectedEvent,
  type ViewStore,
} from '@helpdesk/read-models';

export interface OrganisationFixture {
  id: string;
  name?: string;
  contacts: Array<{ id: string; role?: ContactRole; authorised?: boolean; active?: boolean }>;
}

/** The events the contacts service publishes for such an organisation, in its stream's order. */
export const organisationEvents = ({ id, name = `Organisation ${id}`, contacts }: OrganisationFixture) => {
  const change = { organisationId: id, by: 'agent-1', at: '2026-11-01T09:00:00.000Z' };
  const events: OrganisationEvent[] = [
    {
      type: 'OrganisationRegistered',
      data: {
        ...change,
        name,
        timeZone: 'Europe/Amsterdam',
        slaPolicy: 'response-time',
        calendar: 'nl-office',
      },
    },
    ...contacts.map((contact): OrganisationEvent => ({
      type: 'ContactAdded',
      data: {
        ...change,
        contact: {
          id: contact.id,
          name: `Contact ${contact.id}`,
          email: `${contact.id}@${id}.example`,
          language: 'en',
          role: contact.role ?? 'customer_employee',
          authorised: contact.authorised ?? true,
          active: contact.active ?? true,
        },
      },
    })),
  ];
  return events.map((event, revision): ProjectedEvent => ({
    streamId: `organisation-${id}`,
    revision,
    position: 0n,
    type: event.type,
    data: event.data,
    recordedAt: new Date(change.at),
  }));
};

/**
 * Puts organisations into a service's copy of the directory as if their events had arrived
 * from `helpdesk.contacts.v1`: for tests of a service that runs without the contacts service.
 */
export const seedOrganisations = async (
  views: ViewStore<OrganisationView>,
  organisations: OrganisationFixture[],
) => {
  for (const organisation of organisations)
    for (const event of organisationEvents(organisation))
      await applyToView(organisationProjection, views, event);
};

/**
 * Publishes organisations on `helpdesk.contacts.v1` exactly as the contacts service's relay
 * would (CloudEvents, keyed by organisation): for a service under test running without it.
 */
export const publishOrganisations = async (brokers: string[], organisations: OrganisationFixture[]) => {
  const contract = topicContract(TOPICS.contacts);
  await sendToTopic(
    { clientId: 'organisation-fixtures', brokers, topic: TOPICS.contacts },
    organisations.flatMap(organisationEvents).map((event) => {
      const subject = event.streamId.slice(contract.streamPrefix.length);
      const type = cloudEventType(contract.aggregate, event.type);
      const message: CloudEvent = {
        specversion: '1.0',
        id: randomUUID(),
        source: contract.source,
        type,
        subject,
        time: event.recordedAt.toISOString(),
        datacontenttype: 'application/json',
        dataschema: schemaUrn(type),
        sequence: String(event.revision),
        data: event.data,
      };
      return { key: subject, value: JSON.stringify(message) };
    }),
  );
};
