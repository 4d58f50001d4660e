import { maySeeTicket } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/event-store';
import type { Principal } from '@helpdesk/platform';
import type { TicketRecord } from '../projections/ticket-record';

export const ticketNotFound = () =>
  new DomainError('not_found', 'ticket_not_found', 'There is no such ticket.');

/** Who sees a ticket's clocks: whoever may see the ticket (the contract's one rule). */
export const canSeeTicket = (
  principal: Principal,
  organisationId: string,
  record: TicketRecord | undefined,
) =>
  maySeeTicket(principal, {
    organisationId,
    ...(record ? { reporterId: record.reporterId, participantIds: record.participantIds } : {}),
  });

/**
 * Board and reports span many tickets: agents see every organisation, a customer administrator
 * only their own (returned as the scope); employees none.
 */
export const organisationScope = (principal: Principal, what: string): string | undefined => {
  if (principal.role === 'customer_employee')
    throw new DomainError(
      'forbidden',
      'administrators_only',
      `Only agents and customer administrators may see the ${what}.`,
    );
  return principal.role === 'customer_admin' ? principal.organisationId : undefined;
};
