import type { TicketEvent } from '@helpdesk/contracts';
import type { TicketActivity } from './retention';

/**
 * One ticket as retention sees it: who is involved (its reporter and every contact ever added as
 * a participant) and whether it is open. Ids and times only; no ticket text.
 */
export interface TicketInvolvement {
  ticketId: string;
  contactIds: string[];
  open: boolean;
  /** When it was last closed (closed, or a wish declined); kept when it is reopened. */
  closedAt?: string;
}

export type InvolvementEvent = Extract<
  TicketEvent,
  { type: 'TicketRegistered' | 'ParticipantAdded' | 'TicketClosed' | 'WishDeclined' | 'TicketReopened' }
>;

const INVOLVEMENT_EVENTS: ReadonlySet<string> = new Set<InvolvementEvent['type']>([
  'TicketRegistered',
  'ParticipantAdded',
  'TicketClosed',
  'WishDeclined',
  'TicketReopened',
]);

export const isInvolvementEvent = (event: { type: string }): event is InvolvementEvent =>
  INVOLVEMENT_EVENTS.has(event.type);

/**
 * A participant removed stays involved: they received the ticket's communication, so their data
 * is in it until it is closed. Outside addresses (no contactId) are not contacts: left out.
 */
export const evolveInvolvement = (
  current: TicketInvolvement | undefined,
  event: InvolvementEvent,
): TicketInvolvement => {
  const ticket = current ?? { ticketId: event.data.ticketId, contactIds: [], open: true };
  switch (event.type) {
    case 'TicketRegistered':
      return { ...ticket, contactIds: withId(ticket.contactIds, event.data.reporterId), open: true };
    case 'ParticipantAdded':
      return 'contactId' in event.data.participant
        ? { ...ticket, contactIds: withId(ticket.contactIds, event.data.participant.contactId) }
        : ticket;
    case 'TicketClosed':
    case 'WishDeclined':
      return { ...ticket, open: false, closedAt: event.data.at };
    case 'TicketReopened':
      return { ...ticket, open: true };
  }
};

const withId = (ids: string[], id: string) => (ids.includes(id) ? ids : [...ids, id]);

/** A contact's activity over the tickets they are involved in. */
export const activityOf = (tickets: readonly TicketInvolvement[]): TicketActivity => {
  const closed = tickets.filter((t) => !t.open && t.closedAt !== undefined).map((t) => t.closedAt!);
  return {
    openTickets: tickets.filter((t) => t.open).length,
    ...(closed.length
      ? { lastClosedAt: closed.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) }
      : {}),
  };
};
