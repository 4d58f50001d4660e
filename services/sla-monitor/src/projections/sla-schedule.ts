import { decodeEvent, type SlaEvent } from '@helpdesk/contracts';
import type { IndexSpec, Projection, View } from '@helpdesk/read-models';
import {
  evolveSlaClocks,
  initialSlaClocks,
  nextDeadline,
  type PolicyCatalog,
  type SlaClocks,
} from '../domain';

/**
 * The durable schedule: one document per monitored ticket with its clocks (the decider's own
 * fold) and the next instant a Tick has work to do. The scheduler asks for the documents due by
 * now, soonest first; after a restart the overdue ones are simply the first it finds.
 */
export interface ScheduledTicket extends View {
  ticketId: string;
  organisationId: string;
  registeredAt: string;
  state: SlaClocks;
  /** Absent when no running clock has a warning or breach ahead. */
  nextDeadline?: string;
}

/**
 * Due deadlines are read soonest first from the index on `nextDeadline` (kept in order by the
 * in-memory store); the others serve the compliance reports.
 */
export const SLA_SCHEDULE_INDEXES: IndexSpec[] = [
  { nextDeadline: 1 },
  { organisationId: 1, registeredAt: 1 },
  { registeredAt: 1 },
];

export const slaScheduleProjection = (policies: PolicyCatalog): Projection<ScheduledTicket> => ({
  name: 'sla-schedule',
  documentId: (event) =>
    event.streamId.startsWith('sla-') ? decodeEvent<SlaEvent>(event).data.ticketId : undefined,
  evolve: (current, stored) => {
    const event = decodeEvent<SlaEvent>(stored);
    const state = evolveSlaClocks(current?.state ?? initialSlaClocks, event);
    const { nextDeadline: _previous, ...rest } = current ?? {
      id: event.data.ticketId,
      revision: -1,
      ticketId: event.data.ticketId,
      organisationId: event.type === 'ClockStarted' ? event.data.organisationId : '',
      registeredAt: event.data.at,
    };
    const next = nextDeadline(state, policies);
    return { ...rest, state, ...(next === undefined ? {} : { nextDeadline: next }) };
  },
});
