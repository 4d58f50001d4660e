import { CHANNELS, KINDS, PRIORITIES, SLA_METRICS, STATUSES } from '@helpdesk/contracts';
import {
  arrayOf,
  BOOLEAN,
  DAY,
  INSTANT,
  INTEGER,
  type JsonSchema,
  nullable,
  objectOf,
  oneOfValues,
  STRING,
} from '@helpdesk/platform';

const PRIORITY = oneOfValues(PRIORITIES);
const STATUS = oneOfValues(STATUSES);
const KIND = oneOfValues(KINDS);
const CHANNEL = oneOfValues(CHANNELS);

/** What every list and view of a ticket shows. */
const TICKET_HEADLINE: Record<string, JsonSchema> = {
  id: STRING,
  number: { type: 'string', description: 'Its human reference, e.g. HD-00042' },
  subject: STRING,
  kind: KIND,
  channel: CHANNEL,
  status: STATUS,
  organisationId: STRING,
  reporterId: STRING,
  createdAt: INSTANT,
  updatedAt: INSTANT,
  revision: { ...INTEGER, description: 'Send it back as If-Match' },
};
const WHEN_KNOWN = { priority: PRIORITY, assigneeId: STRING };

export const TICKET_SUMMARY_SCHEMA = objectOf(
  TICKET_HEADLINE,
  {
    ...WHEN_KNOWN,
    slaDueAt: {
      ...nullable(INSTANT),
      description: 'With sort=slaDue: the soonest deadline of its running SLA clocks, null when none runs',
    },
  },
  'A ticket summary',
);

const PARTICIPANT = {
  oneOf: [objectOf({ contactId: STRING }), objectOf({ email: STRING })],
  description: 'A contact of the organisation, or an e-mail address',
};

const COMMENT = objectOf({
  id: STRING,
  body: STRING,
  visibility: oneOfValues(['public', 'internal']),
  authorId: STRING,
  authorRole: STRING,
  at: INSTANT,
});

const ATTACHMENT = objectOf({
  id: STRING,
  fileName: STRING,
  contentType: STRING,
  size: INTEGER,
  sha256: STRING,
  addedBy: STRING,
  at: INSTANT,
});

/** One SLA clock as the ticket shows it, from the monitor's events. */
const SLA_CLOCK = objectOf({
  priority: PRIORITY,
  targetSeconds: nullable(INTEGER),
  state: oneOfValues(['running', 'paused', 'stopped']),
  dueAt: { ...nullable(INSTANT), description: 'When a running clock reaches its target' },
  breached: BOOLEAN,
});

/** GET /tickets/{id}: the ticket as the caller may see it (customers: public comments only). */
export const TICKET_SCHEMA = objectOf(
  {
    ...TICKET_HEADLINE,
    description: STRING,
    details: objectOf(
      {},
      { stepsToReproduce: STRING, expectedResult: STRING, actualResult: STRING, impact: STRING },
    ),
    participants: arrayOf(PARTICIPANT),
    participantIds: arrayOf(STRING),
    priorityRank: { ...INTEGER, description: '1-4 for P1-P4, 5 before triage' },
    remoteSessionConsent: BOOLEAN,
    comments: arrayOf(COMMENT),
    attachments: arrayOf(ATTACHMENT),
  },
  {
    ...WHEN_KNOWN,
    firstResponseAt: INSTANT,
    pendingReassessment: objectOf({ requestedBy: STRING, reason: STRING }, { proposedPriority: PRIORITY }),
    fix: objectOf({ releaseId: STRING, version: STRING, plannedDate: DAY }),
    resolvedAt: INSTANT,
    team: STRING,
    workaround: STRING,
    resolution: STRING,
    closedAt: INSTANT,
    sla: {
      type: 'object',
      description: 'The SLA clocks by metric, as the monitor last published them (not with asOf)',
      properties: Object.fromEntries(SLA_METRICS.map((metric) => [metric, SLA_CLOCK])),
    },
  },
  'The ticket',
);

/** GET /tickets/{id}/history: each event of the ticket (customers: no internal comments). */
export const HISTORY_ENTRY_SCHEMA = objectOf(
  {
    revision: INTEGER,
    type: { type: 'string', description: 'The event type, e.g. TicketTriaged' },
    at: INSTANT,
    by: STRING,
    data: objectOf(
      { ticketId: STRING, by: STRING, at: INSTANT },
      {},
      "The event's data: what every ticket event names, and the rest as libs/contracts/asyncapi.json documents each type",
    ),
  },
  { role: STRING },
  'A change: what, who, when',
);
