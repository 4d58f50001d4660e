import type { Decider } from '@helpdesk/decider';
import type { TicketCommand } from './ticket.commands';
import { decideTicket } from './ticket.decide';
import type { TicketEvent } from './ticket.events';
import { evolveTicket, initialTicket, type Ticket } from './ticket.state';

/** A ticket's whole lifecycle; its stream is `ticket-<id>`. */
export const ticketDecider: Decider<TicketCommand, TicketEvent, Ticket> = {
  initialState: initialTicket,
  decide: decideTicket,
  evolve: evolveTicket,
};

export const ticketStream = (ticketId: string) => `ticket-${ticketId}`;

export const ticketNumber = (sequenceValue: number) => `HD-${String(sequenceValue).padStart(5, '0')}`;
