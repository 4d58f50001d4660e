import { decodeEvent, type TicketEvent } from '@helpdesk/contracts';
import type { ProjectedEvent, Projection, View } from '@helpdesk/read-models';

/**
 * What the monitor keeps of a ticket from `helpdesk.tickets.v1`: who may see its clocks, whom it
 * is assigned to (the board filters by it), and its events, so a what-if report can replay them
 * under another policy without access to the tickets service's store. Of each event only what a
 * clock reads is kept (`clockFacts`): no comment bodies, subjects or descriptions, which were
 * most of a record's size and of the monitor's memory at 100,000 open clocks.
 */
export interface TicketRecord extends View {
  ticketId: string;
  organisationId: string;
  reporterId: string;
  /** Contacts added to the ticket: they may read it like the reporter. */
  participantIds: string[];
  assigneeId: string | null;
  registeredAt: string;
  events: TicketEvent[];
}

export const ticketRecordProjection: Projection<TicketRecord> = {
  name: 'sla-ticket-records',
  documentId: (event) =>
    event.streamId.startsWith('ticket-') ? decodeEvent<TicketEvent>(event).data.ticketId : undefined,
  evolve: (current, stored) => evolveTicketRecord(current ?? emptyRecord(stored), stored),
};

const emptyRecord = (stored: ProjectedEvent): TicketRecord => {
  const { ticketId } = decodeEvent<TicketEvent>(stored).data;
  return {
    id: ticketId,
    revision: -1,
    ticketId,
    organisationId: '',
    reporterId: '',
    participantIds: [],
    assigneeId: null,
    registeredAt: '',
    events: [],
  };
};

/** The fields of a ticket event that a clock or its replay reads (ticket-triggers.ts, the decider). */
const CLOCK_FIELDS = [
  'ticketId',
  'at',
  'by',
  'organisationId',
  'priority',
  'to',
  'reason',
  'firstResponse',
  'visibility',
  'authorRole',
  'status',
] as const;

/** The event as a clock needs it: its type and the fields it reads, nothing people wrote. */
export const clockFacts = (event: TicketEvent): TicketEvent => {
  const data = event.data as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const field of CLOCK_FIELDS) if (data[field] !== undefined) kept[field] = data[field];
  return { type: event.type, data: kept } as unknown as TicketEvent;
};

const evolveTicketRecord = (record: TicketRecord, stored: ProjectedEvent): TicketRecord => {
  const event = decodeEvent<TicketEvent>(stored);
  const next = { ...record, events: [...record.events, clockFacts(event)] };
  switch (event.type) {
    case 'TicketRegistered':
      return {
        ...next,
        organisationId: event.data.organisationId,
        reporterId: event.data.reporterId,
        registeredAt: event.data.at,
      };
    case 'TicketAssigned':
      return { ...next, assigneeId: event.data.assigneeId };
    case 'ParticipantAdded':
      return 'contactId' in event.data.participant
        ? { ...next, participantIds: [...next.participantIds, event.data.participant.contactId] }
        : next;
    case 'ParticipantRemoved': {
      const removed = event.data.participant;
      return 'contactId' in removed
        ? { ...next, participantIds: next.participantIds.filter((id) => id !== removed.contactId) }
        : next;
    }
    default:
      return next;
  }
};
