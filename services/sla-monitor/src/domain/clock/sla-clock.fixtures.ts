// Facts shared by the SLA clock tests: a ticket's events at Amsterdam wall-clock times, the
// built-in policies plus a 24/7-for-P1 one, and a way to run ticket events through the clocks.
import type { Priority, TicketEvent } from '@helpdesk/contracts';
import { DateTime } from 'luxon';
import { BUILT_IN_POLICIES } from '../policy/built-in-policies';
import { parsePolicy } from '../policy/parse-policy';
import { policyHistory } from '../policy/policy-history';
import type { SlaEvent } from '@helpdesk/contracts';
import { runCommands } from './replay';
import type { SlaClockCommand } from './sla-clock.commands';
import { slaClockDecider } from './sla-clock.decider';

/** An Amsterdam wall-clock time ('2026-11-20T17:25') as the ISO instant events carry. */
export const local = (wall: string) =>
  DateTime.fromISO(wall, { zone: 'Europe/Amsterdam' }).toJSDate().toISOString();

export const ticketId = 't-1';
const agent = (at: string) => ({ ticketId, by: 'agent-1', at: local(at) });
const customer = (at: string) => ({ ticketId, by: 'c-reporter', at: local(at) });
const comment = (at: string, visibility: 'public' | 'internal', authorRole: string): TicketEvent => ({
  type: 'CommentAdded',
  data: {
    ...(authorRole === 'agent' ? agent(at) : customer(at)),
    commentId: `comment-${at}`,
    body: 'Looking into it.',
    visibility,
    authorRole,
    firstResponse: visibility === 'public' && authorRole === 'agent',
  },
});

/** Ticket events, by what happened and when (Amsterdam time). */
export const ticket = {
  registered: (at: string): TicketEvent => ({
    type: 'TicketRegistered',
    data: {
      ...customer(at),
      number: 'HD-00042',
      kind: 'error',
      channel: 'portal',
      subject: 'Export fails',
      description: 'The monthly export stops at 50%.',
      details: {},
      organisationId: 'org-1',
      reporterId: 'c-reporter',
    },
  }),
  triaged: (at: string, priority: Priority): TicketEvent => ({
    type: 'TicketTriaged',
    data: { ...agent(at), priority },
  }),
  priorityChanged: (at: string, from: Priority, to: Priority): TicketEvent => ({
    type: 'PriorityChanged',
    data: { ...agent(at), from, to, reason: 'Impact reassessed' },
  }),
  publicAgentComment: (at: string) => comment(at, 'public', 'agent'),
  internalAgentComment: (at: string) => comment(at, 'internal', 'agent'),
  customerComment: (at: string) => comment(at, 'public', 'customer_employee'),
  waitingForCustomer: (at: string): TicketEvent => ({
    type: 'WaitingForCustomer',
    data: { ...agent(at), question: 'Which browser?' },
  }),
  customerReplied: (at: string): TicketEvent => ({ type: 'CustomerReplied', data: customer(at) }),
  waitingForThirdParty: (at: string): TicketEvent => ({
    type: 'WaitingForThirdParty',
    data: { ...agent(at), thirdParty: 'Hosting provider', reason: 'Disk full' },
  }),
  workResumed: (at: string): TicketEvent => ({ type: 'WorkResumed', data: agent(at) }),
  workaround: (at: string): TicketEvent => ({
    type: 'WorkaroundProvided',
    data: { ...agent(at), workaround: 'Export per week.' },
  }),
  resolved: (at: string): TicketEvent => ({
    type: 'TicketResolved',
    data: { ...agent(at), resolution: 'Fixed.' },
  }),
  reopened: (at: string): TicketEvent => ({
    type: 'TicketReopened',
    data: { ...customer(at), reason: 'Still broken.' },
  }),
  closed: (at: string): TicketEvent => ({
    type: 'TicketClosed',
    data: { ...customer(at), reason: 'confirmed' },
  }),
};

/** Office hours for P2-P4, around the clock for P1 (domain.md: "a policy may be 24/7 for P1"). */
export const ON_CALL = parsePolicy({
  id: 'on-call',
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00+01:00',
  calendar: {
    officeHours: {
      mon: ['09:00-17:30'],
      tue: ['09:00-17:30'],
      wed: ['09:00-17:30'],
      thu: ['09:00-17:30'],
      fri: ['09:00-17:30'],
    },
  },
  roundTheClock: ['P1'],
  targets: { resolution: { P1: { hours: 4 }, P2: { businessDays: 2 } } },
});

export const policies = policyHistory([...BUILT_IN_POLICIES, ON_CALL]);
export const decider = slaClockDecider(policies);

export const observe = (event: TicketEvent, policyId = 'response-time'): SlaClockCommand => ({
  type: 'ObserveTicketEvent',
  event,
  ...(event.type === 'TicketRegistered' ? { policyId } : {}),
});
export const tick = (at: string): SlaClockCommand => ({ type: 'Tick', at: local(at) });

/** Every SLA event the commands lead to, in order. */
export const run = (commands: SlaClockCommand[], history: SlaEvent[] = []): SlaEvent[] =>
  runCommands(decider, commands, history);

/** The SLA history after a ticket's events under a policy (for `given`). */
export const clocksAfter = (policyId: string, ...events: TicketEvent[]) =>
  run(events.map((event) => observe(event, policyId)));

export const HOUR = 3600;
export const MINUTE = 60;
