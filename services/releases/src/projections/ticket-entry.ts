import {
  decodeEvent,
  statusSetBy,
  type TicketEvent,
  type TicketKind,
  type TicketStatus,
  ticketStatusAfter,
} from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';
import type { TicketScheduling } from '../domain';

/** What scheduling a ticket's fix needs to know of it, from `helpdesk.tickets.v1`. */
export interface TicketEntry extends View, TicketScheduling {
  number: string;
  /** The ticket's subject: its public title in release notes. */
  subject: string;
  kind: TicketKind;
  organisationId: string;
  /** Who is involved: who may see the ticket's number and title in a release (maySeeTicket). */
  reporterId?: string;
  participantIds?: string[];
  status: TicketStatus;
}

const STREAM_PREFIX = 'ticket-';

/**
 * A ticket is scheduled in a release only while its status is `fix_scheduled`: any other
 * change (unscheduled, released, resolved, reopened) takes it out of every open release.
 */
export const ticketEntryProjection: Projection<TicketEntry> = {
  name: 'releases-tickets',
  documentId: (stored) => {
    if (!stored.streamId.startsWith(STREAM_PREFIX)) return undefined;
    const event = decodeEvent<TicketEvent>(stored);
    const type = event.type;
    const matters =
      type === 'TicketRegistered' ||
      type === 'ParticipantAdded' ||
      type === 'ParticipantRemoved' ||
      type === 'FixUnscheduled' ||
      type === 'FixReleased' ||
      statusSetBy(event, 'error') !== undefined;
    return matters ? stored.streamId.slice(STREAM_PREFIX.length) : undefined;
  },
  evolve: (current, stored) => {
    const event = decodeEvent<TicketEvent>(stored);
    if (event.type === 'TicketRegistered') {
      const { ticketId, number, subject, kind, organisationId, reporterId } = event.data;
      return {
        id: ticketId,
        revision: stored.revision,
        number,
        subject,
        kind,
        organisationId,
        reporterId,
        participantIds: [],
        status: 'new',
      };
    }
    // Every ticket stream starts with its registration, and events arrive in stream order.
    if (event.type === 'ParticipantAdded' || event.type === 'ParticipantRemoved')
      return { ...current!, participantIds: involvedAfter(current!.participantIds ?? [], event) };
    const { scheduledIn: _scheduledIn, ...ticket } = current!;
    if (event.type === 'FixScheduled') {
      const { releaseId, version } = event.data;
      return { ...ticket, status: 'fix_scheduled', scheduledIn: { releaseId, version } };
    }
    return { ...ticket, status: ticketStatusAfter(ticket, event) };
  },
};

const involvedAfter = (
  ids: string[],
  event: Extract<TicketEvent, { type: 'ParticipantAdded' | 'ParticipantRemoved' }>,
): string[] => {
  const { participant } = event.data;
  if (!('contactId' in participant)) return ids;
  const others = ids.filter((id) => id !== participant.contactId);
  return event.type === 'ParticipantAdded' ? [...others, participant.contactId] : others;
};
