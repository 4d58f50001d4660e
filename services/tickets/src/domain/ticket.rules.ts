import { ACTIVE_STATUSES, maySeeTicket } from '@helpdesk/contracts';
import { refuse } from '@helpdesk/decider';

// Every rule refuses the same way as the other deciders.
export { refuse };
import type { RegisteredTicket } from './ticket.state';
import type { Actor, TicketStatus } from './ticket.types';

export const isCustomer = (actor: Actor) =>
  actor.role === 'customer_admin' || actor.role === 'customer_employee';

/** Who may see a ticket: the contract's one rule (agents and systems, the organisation's administrators, the people involved). */
export const canSee = (
  actor: Actor,
  ticket: Pick<RegisteredTicket, 'organisationId' | 'reporterId' | 'participants'>,
) =>
  maySeeTicket(actor, {
    organisationId: ticket.organisationId,
    reporterId: ticket.reporterId,
    participantIds: ticket.participants.flatMap((p) => ('contactId' in p ? [p.contactId] : [])),
  });

/** A ticket someone may not see does not exist for them: its existence is not confirmed. */
export const requireAccess = (actor: Actor, ticket: RegisteredTicket) => {
  if (!canSee(actor, ticket)) refuse('not_found', 'ticket_not_found', 'There is no such ticket.');
};

export const requireAgent = (actor: Actor, what: string) => {
  if (actor.role !== 'agent') refuse('forbidden', 'agents_only', `Only support agents may ${what}.`);
};

export const requireAgentOrSystem = (actor: Actor, what: string) => {
  if (actor.role !== 'agent' && actor.role !== 'system') {
    refuse('forbidden', 'agents_only', `Only support agents or the release process may ${what}.`);
  }
};

/** The reporter and their organisation's administrators speak for the customer. */
export const requireCustomerSide = (actor: Actor, ticket: RegisteredTicket, what: string) => {
  const speaksForCustomer =
    actor.id === ticket.reporterId ||
    (actor.role === 'customer_admin' && actor.organisationId === ticket.organisationId);
  if (!speaksForCustomer) {
    refuse(
      'forbidden',
      'reporter_only',
      `Only the reporter or an administrator of their organisation may ${what}.`,
    );
  }
};

const label = (status: TicketStatus) => status.replace(/_/g, ' ');

export const requireStatus = (ticket: RegisteredTicket, allowed: readonly TicketStatus[], what: string) => {
  if (allowed.includes(ticket.status)) return;
  const hint =
    ticket.status === 'closed' ? ' Reopen it first.' : ticket.status === 'new' ? ' Triage it first.' : '';
  refuse(
    'illegal_transition',
    'illegal_transition',
    `A ticket that is ${label(ticket.status)} cannot ${what}.${hint}`,
    {
      ticketStatus: ticket.status,
    },
  );
};

/** Statuses in which a ticket is still being worked on (the contract names them for subscribers). */
export const ACTIVE = ACTIVE_STATUSES;

/** Every status but closed: a closed ticket takes nothing until it is reopened. */
export const NOT_CLOSED: readonly TicketStatus[] = ['new', ...ACTIVE, 'accepted', 'resolved'];

export const requireText = (value: string, field: string, max: number) => {
  const text = value.trim();
  if (!text) refuse('invalid', 'text_required', `${field} must not be empty.`);
  if (text.length > max) refuse('invalid', 'text_too_long', `${field} must be at most ${max} characters.`);
  return text;
};
