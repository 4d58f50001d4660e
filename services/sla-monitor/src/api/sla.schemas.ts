import { PRIORITIES, SLA_METRICS } from '@helpdesk/contracts';
import {
  arrayOf,
  BOOLEAN,
  INSTANT,
  INTEGER,
  type JsonSchema,
  nullable,
  NUMBER,
  objectOf,
  oneOfValues,
  STRING,
} from '@helpdesk/platform';

const PRIORITY = oneOfValues(PRIORITIES);
const METRIC = oneOfValues(SLA_METRICS);
const CLOCK_STATE = oneOfValues(['running', 'paused', 'stopped']);
const SECONDS = { ...NUMBER, description: 'Business seconds' };

const PAUSE = objectOf({
  status: { type: 'string', description: 'The ticket status that paused the clock' },
  cause: STRING,
  from: INSTANT,
  until: { ...nullable(INSTANT), description: 'null while the clock is still paused' },
});

const PRIORITY_CHANGE = objectOf(
  {
    at: INSTANT,
    from: PRIORITY,
    to: PRIORITY,
    previousTargetSeconds: nullable(SECONDS),
    targetSeconds: nullable(SECONDS),
    dueAt: nullable(INSTANT),
    elapsedSeconds: { ...SECONDS, description: "Since registration, in the new priority's calendar" },
  },
  { by: STRING, reason: STRING, cause: STRING, previousDueAt: nullable(INSTANT) },
  'A priority change as the clock recorded it',
);

const CLOCK = objectOf({
  metric: METRIC,
  priority: PRIORITY,
  targetSeconds: nullable(SECONDS),
  state: CLOCK_STATE,
  outcome: oneOfValues(['met', 'breached', 'running', 'no_target']),
  dueAt: nullable(INSTANT),
  elapsedSeconds: SECONDS,
  remainingSeconds: {
    ...nullable(SECONDS),
    description: 'Target minus elapsed: negative is how late a breached clock is; null without target',
  },
  warnings: arrayOf(objectOf({ fraction: NUMBER, at: INSTANT })),
  breachedAt: nullable(INSTANT),
  pauses: arrayOf(PAUSE),
  priorityChanges: arrayOf(PRIORITY_CHANGE),
});

/** GET /sla/tickets/{id}: every clock of the ticket, measured now. */
export const TICKET_SLA_SCHEMA = objectOf(
  {
    ticketId: STRING,
    organisationId: STRING,
    policyId: STRING,
    policyVersion: INTEGER,
    asOf: { ...INSTANT, description: "The moment the running clocks' business time was measured at" },
    clocks: arrayOf(CLOCK),
    assigneeId: nullable(STRING),
    revision: INTEGER,
  },
  {},
  "The ticket's SLA clocks",
);

/** GET /sla/board: a running clock, warned or breached. */
export const BOARD_CLOCK_SCHEMA = objectOf(
  {
    ticketId: STRING,
    metric: METRIC,
    organisationId: STRING,
    priority: PRIORITY,
    targetSeconds: nullable(SECONDS),
    phase: CLOCK_STATE,
    dueAt: nullable(INSTANT),
    warnedFractions: arrayOf(NUMBER),
    breached: BOOLEAN,
    assigneeId: nullable(STRING),
  },
  {},
  'A running clock, warned or breached',
);

const COMPLIANCE_ROW = objectOf({
  organisationId: STRING,
  metric: METRIC,
  priority: PRIORITY,
  met: INTEGER,
  breached: INTEGER,
  running: { ...INTEGER, description: 'Neither met nor breached yet: left out of the rate' },
  rate: { ...nullable(NUMBER), description: 'met / (met + breached); null when nothing is decided yet' },
});

const report = (extra: Record<string, JsonSchema>, description: string) =>
  objectOf(
    {
      from: INSTANT,
      to: INSTANT,
      tickets: { ...INTEGER, description: 'Tickets registered in the period' },
      rows: arrayOf(COMPLIANCE_ROW),
      ...extra,
    },
    {},
    description,
  );

export const COMPLIANCE_REPORT_SCHEMA = report({}, 'The compliance report');
export const WHAT_IF_SCHEMA = report(
  { policy: objectOf({ id: STRING, version: INTEGER, name: STRING }) },
  'The compliance report under the other policy',
);
