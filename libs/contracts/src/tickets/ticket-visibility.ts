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
 * Which tickets a viewer sees, as data: a list turns it into its query, a detail route checks one
 * ticket against it (maySeeTicket), so both show the same caller the same tickets. The vendor's
 * agents and systems see every ticket; a customer administrator every ticket of their
 * organisation; an employee only the tickets of their organisation they reported or were added to.
 */
export interface TicketScope {
  /** Only this organisation's tickets (a customer without one sees none). */
  organisationId?: string;
  /** Only tickets this contact reported or was added to. */
  involving?: string;
}

export const ticketScopeOf = (viewer: TicketViewer): TicketScope => {
  if (viewer.role === 'agent' || viewer.role === 'system') return {};
  const organisationId = viewer.organisationId ?? '';
  return viewer.role === 'customer_admin' ? { organisationId } : { organisationId, involving: viewer.id };
};

/** Whether the viewer may see the ticket: it lies in their scope. Anything else does not exist for them. */
export const maySeeTicket = (viewer: TicketViewer, ticket: TicketInvolvement): boolean => {
  const { organisationId, involving } = ticketScopeOf(viewer);
  if (organisationId !== undefined && organisationId !== ticket.organisationId) return false;
  return (
    involving === undefined ||
    ticket.reporterId === involving ||
    (ticket.participantIds ?? []).includes(involving)
  );
};
