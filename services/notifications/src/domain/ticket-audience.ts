import type { Participant, Priority, TicketEvent, TicketKind } from '@helpdesk/contracts';

/**
 * The ticket's statuses as its events derive them. The tickets service keeps the same list
 * (services/tickets/src/domain/ticket.types.ts); services may not import each other, so this
 * copy stays until the list moves to libs/contracts with the events it is derived from.
 */
export type TicketStatus =
  | 'new'
  | 'open'
  | 'in_progress'
  | 'waiting_for_customer'
  | 'waiting_for_third_party'
  | 'workaround_provided'
  | 'fix_scheduled'
  | 'resolved'
  | 'closed'
  | 'accepted';

/** What notifications needs to know about a ticket to address and word its messages. */
export interface TicketAudience {
  ticketId: string;
  number: string;
  subject: string;
  kind: TicketKind;
  organisationId: string;
  reporterId: string;
  participants: Participant[];
  assigneeId?: string;
  status: TicketStatus;
  priority?: Priority;
}

/** `undefined`: the ticket's registration has not been seen yet. */
export type AudienceState = TicketAudience | undefined;

export const sameParticipant = (a: Participant, b: Participant) =>
  'contactId' in a ? 'contactId' in b && a.contactId === b.contactId : 'email' in b && a.email === b.email;

export const evolveAudience = (state: AudienceState, event: TicketEvent): AudienceState => {
  if (event.type === 'TicketRegistered') {
    const { ticketId, number, subject, kind, organisationId, reporterId } = event.data;
    return { ticketId, number, subject, kind, organisationId, reporterId, participants: [], status: 'new' };
  }
  if (!state) return state;
  switch (event.type) {
    case 'TicketTriaged':
      return { ...state, status: 'open', priority: event.data.priority };
    case 'PriorityChanged':
    case 'ReassessmentAccepted':
      return { ...state, priority: event.data.to };
    case 'TicketAssigned':
      return { ...state, assigneeId: event.data.assigneeId };
    case 'ParticipantAdded':
      return { ...state, participants: [...state.participants, event.data.participant] };
    case 'ParticipantRemoved':
      return {
        ...state,
        participants: state.participants.filter((p) => !sameParticipant(p, event.data.participant)),
      };
    default:
      return { ...state, status: statusAfter(state, event) };
  }
};

export const foldAudience = (state: AudienceState, events: readonly TicketEvent[]): AudienceState =>
  events.reduce(evolveAudience, state);

// Mirrors the tickets service's lifecycle; events that leave the status alone keep it.
const statusAfter = ({ status, kind }: TicketAudience, event: TicketEvent): TicketStatus => {
  switch (event.type) {
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
    case 'FixUnscheduled':
      return kind === 'wish' ? 'accepted' : 'in_progress';
    case 'TicketResolved':
      return 'resolved';
    case 'TicketClosed':
    case 'WishDeclined':
      return 'closed';
    case 'TicketReopened':
      return 'open';
    case 'WishAccepted':
      return 'accepted';
    default:
      return status;
  }
};
