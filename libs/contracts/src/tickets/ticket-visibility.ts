/**
 * Who may see a ticket, as part of the contract: the tickets service, the SLA monitor and the
 * release notes decide with this one rule, and so can any system that shows tickets to people.
 */

/** The one asking: a person or system, as their token names them. */
export interface TicketViewer {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

/** What the rule needs of a ticket: its organisation and the contacts involved in it. */
export interface TicketInvolvement {
  organisationId: string;
  reporterId?: string;
  /** The contacts added to it (bare e-mail addresses are nobody's login). */
  participantIds?: readonly string[];
}

/**
 * The vendor's agents and systems see every ticket; a customer administrator every ticket of
 * their organisation; an employee only the tickets they reported or were added to. Anything else
 * does not exist for them.
 */
export const maySeeTicket = (viewer: TicketViewer, ticket: TicketInvolvement): boolean => {
  if (viewer.role === 'agent' || viewer.role === 'system') return true;
  if (viewer.organisationId !== ticket.organisationId) return false;
  if (viewer.role === 'customer_admin') return true;
  return ticket.reporterId === viewer.id || (ticket.participantIds ?? []).includes(viewer.id);
};
