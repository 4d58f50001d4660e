import { ORGANISATION_EVENTS, SUPERSEDED_ORGANISATION_EVENTS } from './contacts/contact-catalogue';
import { MAIL_EVENTS, SUPERSEDED_MAIL_EVENTS } from './mail/mail-catalogue';
import { NOTIFICATION_EVENTS, SUPERSEDED_NOTIFICATION_EVENTS } from './notifications/notification-catalogue';
import { RELEASE_EVENTS } from './releases/release-catalogue';
import { SLA_EVENTS } from './sla/sla-catalogue';
import { SUPERSEDED_TICKET_EVENTS, TICKET_EVENTS } from './tickets/ticket-catalogue';
import { TOPICS } from './topics';

/** One published event type: what it means, its current version, and a documented example. */
export interface EventContract {
  /** The domain name, e.g. `TicketRegistered`. */
  name: string;
  version: number;
  /** The TypeScript type its schema is generated from, when not `name` (an earlier version). */
  typeName?: string;
  summary: string;
  example: unknown;
  /**
   * Why an earlier version is no longer published beside the current one (it carried personal
   * data in clear, which publishing would make unerasable): without it, a documented earlier
   * version is a promise that the relay keeps publishing it, downcast.
   */
  withdrawn?: string;
}

/** A service's topic and everything published on it. */
export interface TopicContract {
  topic: string;
  /** The CloudEvents `source` of its messages. */
  source: string;
  /** The aggregate's name in event types, e.g. `ticket`. */
  aggregate: string;
  /** Its streams' prefix in the event store, e.g. `ticket-`: the rest is the subject and the key. */
  streamPrefix: string;
  description: string;
  /** The TypeScript file and union type the JSON Schemas are generated from (and of earlier versions). */
  types: { file: string; union: string; superseded?: string };
  events: EventContract[];
}

/** `TicketRegistered` of aggregate `ticket` becomes `helpdesk.ticket.registered.v1`. */
export const cloudEventType = (aggregate: string, eventName: string, version = 1) => {
  // Asked for every event the relay publishes, of a few dozen types: worked out once each.
  const key = `${aggregate} ${eventName} ${version}`;
  let type = cloudEventTypes.get(key);
  if (type === undefined) cloudEventTypes.set(key, (type = typeOf(aggregate, eventName, version)));
  return type;
};

const cloudEventTypes = new Map<string, string>();

const typeOf = (aggregate: string, eventName: string, version: number) => {
  const words = eventName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
  const action = words[0] === aggregate ? words.slice(1) : words;
  return `helpdesk.${aggregate}.${action.join('-')}.v${version}`;
};

const events = (
  byName: Record<string, { summary: string; example: unknown; version?: number; typeName?: string }>,
  superseded: EventContract[] = [],
): EventContract[] => [
  ...Object.entries(byName).map(([name, { summary, example, version = 1, typeName }]) => ({
    name,
    version,
    ...(typeName ? { typeName } : {}),
    summary,
    example,
  })),
  ...superseded,
];

/** Every topic and event type of every service: the source the AsyncAPI document is generated from. */
export const CATALOGUE: TopicContract[] = [
  {
    topic: TOPICS.tickets,
    source: '/helpdesk/tickets',
    aggregate: 'ticket',
    streamPrefix: 'ticket-',
    description: 'Every change to every ticket, in order per ticket (the key is the ticket id).',
    types: {
      file: 'libs/contracts/src/tickets/ticket-events.ts',
      union: 'PublishedTicketEvent',
      superseded: 'SupersededTicketEvent',
    },
    events: events(TICKET_EVENTS, SUPERSEDED_TICKET_EVENTS),
  },
  {
    topic: TOPICS.contacts,
    source: '/helpdesk/contacts',
    aggregate: 'organisation',
    streamPrefix: 'organisation-',
    description:
      'Every change to every customer organisation and its contacts, in order per organisation (the key is the organisation id).',
    types: {
      file: 'libs/contracts/src/contacts/contact-events.ts',
      union: 'PublishedOrganisationEvent',
      superseded: 'SupersededOrganisationEvent',
    },
    events: events(ORGANISATION_EVENTS, SUPERSEDED_ORGANISATION_EVENTS),
  },
  {
    topic: TOPICS.sla,
    source: '/helpdesk/sla-monitor',
    aggregate: 'sla',
    streamPrefix: 'sla-',
    description:
      'Every SLA clock change of every ticket: started, re-targeted, paused, resumed, warned, breached, met; in order per ticket (the key is the ticket id).',
    types: { file: 'libs/contracts/src/sla/sla-events.ts', union: 'SlaEvent' },
    events: events(SLA_EVENTS),
  },
  {
    topic: TOPICS.releases,
    source: '/helpdesk/releases',
    aggregate: 'release',
    streamPrefix: 'release-',
    description:
      'Every change to every release: planned, fixes scheduled and taken out, frozen, postponed, shipped, cancelled; in order per release (the key is the release id).',
    types: { file: 'libs/contracts/src/releases/release-events.ts', union: 'ReleaseEvent' },
    events: events(RELEASE_EVENTS),
  },
  {
    topic: TOPICS.notifications,
    source: '/helpdesk/notifications',
    aggregate: 'notification',
    streamPrefix: 'notification-',
    description:
      'The delivery log: every message queued for a recipient, every attempt to send it, sent or failed; in order per message (the key is the message id).',
    types: {
      file: 'libs/contracts/src/notifications/notification-events.ts',
      union: 'PublishedNotificationEvent',
      superseded: 'SupersededNotificationEvent',
    },
    events: events(NOTIFICATION_EVENTS, SUPERSEDED_NOTIFICATION_EVENTS),
  },
  {
    topic: TOPICS.mail,
    source: '/helpdesk/tickets/mail-in',
    aggregate: 'mail',
    streamPrefix: 'mail-',
    description:
      'The mail log: every e-mail the desk received and what became of it (a ticket, a comment, a reassessment request, refused, ignored, quarantined); the key is the mail id, a hash of its Message-ID.',
    types: {
      file: 'libs/contracts/src/mail/mail-events.ts',
      union: 'PublishedMailEvent',
      superseded: 'SupersededMailEvent',
    },
    events: events(MAIL_EVENTS, SUPERSEDED_MAIL_EVENTS),
  },
];

export const topicContract = (topic: string) => {
  const found = CATALOGUE.find((t) => t.topic === topic);
  if (!found) throw new Error(`no contract for topic ${topic}`);
  return found;
};

const NAMES_BY_TYPE = new Map(
  CATALOGUE.flatMap((topic) =>
    topic.events.map((event) => [cloudEventType(topic.aggregate, event.name, event.version), event.name]),
  ),
);

/** The domain name of a published type: `helpdesk.ticket.registered.v1` is `TicketRegistered`. */
export const eventNameOf = (type: string) => {
  const name = NAMES_BY_TYPE.get(type);
  if (!name) throw new Error(`${type} is not an event type of our contract`);
  return name;
};

const CURRENT_VERSIONS = new Map<string, number>();
for (const event of CATALOGUE.flatMap((topic) => topic.events))
  CURRENT_VERSIONS.set(event.name, Math.max(event.version, CURRENT_VERSIONS.get(event.name) ?? 1));

/** The version of an event type the code writes now (every type starts at 1). */
export const currentVersionOf = (eventName: string) => CURRENT_VERSIONS.get(eventName) ?? 1;

/** The version a published type names: `helpdesk.ticket.attachment-added.v1` is 1. */
export const versionOfType = (type: string) => Number(/\.v(\d+)$/.exec(type)?.[1] ?? 1);
