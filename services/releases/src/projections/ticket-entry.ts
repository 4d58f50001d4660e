import type { TicketEvent, TicketKind } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';
import type { TicketScheduling } from '../domain';

/** What scheduling a ticket's fix needs to know of it, from `helpdesk.tickets.v1`. */
export interface TicketEntry extends View, TicketScheduling {
  number: string;
  /** The ticket's subject: its public title in release notes. */
  subject: string;
  kind: TicketKind;
  organisationId: string;
  status: string;
}

/**
 * The ticket's status after each event that changes it, as the tickets service derives it
 * (services/tickets/src/domain/ticket.state.ts); FixUnscheduled depends on the kind.
 */
const STATUS_AFTER: Partial<Record<TicketEvent['type'], string>> = {
  TicketTriaged: 'open',
  WorkStarted: 'in_progress',
  CustomerReplied: 'in_progress',
  WorkResumed: 'in_progress',
  WaitingForCustomer: 'waiting_for_customer',
  WaitingForThirdParty: 'waiting_for_third_party',
  WorkaroundProvided: 'workaround_provided',
  FixScheduled: 'fix_scheduled',
  TicketResolved: 'resolved',
  TicketClosed: 'closed',
  WishDeclined: 'closed',
  TicketReopened: 'open',
  WishAccepted: 'accepted',
};

/** The statuses in which the tickets service takes a scheduled fix. */
export const SCHEDULABLE_STATUSES = [
  'open',
  'in_progress',
  'waiting_for_customer',
  'waiting_for_third_party',
  'workaround_provided',
  'fix_scheduled',
  'accepted',
];

const STREAM_PREFIX = 'ticket-';

/**
 * A ticket is scheduled in a release only while its status is `fix_scheduled`: any other
 * change (unscheduled, released, resolved, reopened) takes it out of every open release.
 */
export const ticketEntryProjection: Projection<TicketEntry> = {
  name: 'releases-tickets',
  documentId: (stored) => {
    if (!stored.streamId.startsWith(STREAM_PREFIX)) return undefined;
    const type = stored.type as TicketEvent['type'];
    const matters =
      type === 'TicketRegistered' ||
      type === 'FixUnscheduled' ||
      type === 'FixReleased' ||
      STATUS_AFTER[type];
    return matters ? stored.streamId.slice(STREAM_PREFIX.length) : undefined;
  },
  evolve: (current, stored) => {
    const event = { type: stored.type, data: stored.data } as TicketEvent;
    if (event.type === 'TicketRegistered') {
      const { ticketId, number, subject, kind, organisationId } = event.data;
      return {
        id: ticketId,
        revision: stored.revision,
        number,
        subject,
        kind,
        organisationId,
        status: 'new',
      };
    }
    // Every ticket stream starts with its registration, and events arrive in stream order.
    const { scheduledIn: _scheduledIn, ...ticket } = current!;
    if (event.type === 'FixScheduled') {
      const { releaseId, version } = event.data;
      return { ...ticket, status: 'fix_scheduled', scheduledIn: { releaseId, version } };
    }
    if (event.type === 'FixUnscheduled')
      return { ...ticket, status: ticket.kind === 'wish' ? 'accepted' : 'in_progress' };
    return { ...ticket, status: STATUS_AFTER[event.type] ?? ticket.status };
  },
};
