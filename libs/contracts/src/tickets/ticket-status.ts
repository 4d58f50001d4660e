import type { Participant, TicketEvent, TicketKind } from './ticket-events';

/**
 * A ticket's status is never published on its own: it is what the events make of the ticket.
 * This is how, as part of the contract, so that the tickets service and every subscriber
 * (notifications, SLA clocks, other systems) derive the same status from the same events.
 */
export const STATUSES = [
  'new',
  'open',
  'in_progress',
  'waiting_for_customer',
  'waiting_for_third_party',
  'workaround_provided',
  'fix_scheduled',
  'resolved',
  'closed',
  'accepted',
] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** Statuses in which a ticket is still being worked on: all but not yet triaged and the ends. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = STATUSES.filter(
  (status) => !['new', 'resolved', 'closed', 'accepted'].includes(status),
);

/** Statuses in which a ticket takes a scheduled fix: the releases service checks before it schedules. */
export const FIX_SCHEDULABLE_STATUSES: readonly TicketStatus[] = [...ACTIVE_STATUSES, 'accepted'];

/** The status `event` puts a ticket of `kind` in, or undefined when it leaves the status as it was. */
export const statusSetBy = (event: TicketEvent, kind: TicketKind): TicketStatus | undefined => {
  switch (event.type) {
    case 'TicketRegistered':
      return 'new';
    case 'TicketTriaged':
    case 'TicketReopened':
      return 'open';
    case 'WorkStarted':
    case 'CustomerReplied':
    case 'WorkResumed':
      return 'in_progress';
    case 'WaitingForCustomer':
      return 'waiting_for_customer';
    case 'WaitingForThirdParty':
      return 'waiting_for_third_party';
    case 'WorkaroundProvided':
      return 'workaround_provided';
    case 'FixScheduled':
      return 'fix_scheduled';
    // A wish taken out of a release is back in the backlog; a fix is back in the works.
    case 'FixUnscheduled':
      return kind === 'wish' ? 'accepted' : 'in_progress';
    case 'TicketResolved':
      return 'resolved';
    case 'TicketClosed':
    case 'WishDeclined':
      return 'closed';
    case 'WishAccepted':
      return 'accepted';
    // FixReleased comes with the TicketResolved that changes the status; the rest leave it alone.
    default:
      return undefined;
  }
};

/** The status after `event`, given the ticket's status and kind before it. */
export const ticketStatusAfter = (
  before: { status: TicketStatus; kind: TicketKind },
  event: TicketEvent,
): TicketStatus => statusSetBy(event, before.kind) ?? before.status;

/** The same person: the same contact, or the same bare e-mail address. */
export const sameParticipant = (a: Participant, b: Participant) =>
  'contactId' in a ? 'contactId' in b && a.contactId === b.contactId : 'email' in b && a.email === b.email;
