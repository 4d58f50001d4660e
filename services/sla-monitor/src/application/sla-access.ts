import { DomainError } from '@helpdesk/event-store';
import type { Principal } from '@helpdesk/platform';
import type { TicketRecord } from '../projections/ticket-record';

export const ticketNotFound = () =>
  new DomainError('not_found', 'ticket_not_found', 'There is no such ticket.');

/**
 * Who sees a ticket's clocks, as in the tickets service: agents and systems every ticket,
 * a customer administrator their organisation's, an employee those they reported or joined.
 */
export const canSeeTicket = (
  principal: Principal,
  organisationId: string,
  record: TicketRecord | undefined,
) => {
  if (principal.role === 'agent' || principal.role === 'system') return true;
  if (principal.organisationId !== organisationId) return false;
  if (principal.role === 'customer_admin') return true;
  return !!record && (record.reporterId === principal.id || record.participantIds.includes(principal.id));
};

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
