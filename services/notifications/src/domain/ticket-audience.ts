import {
  type Participant,
  type Priority,
  sameParticipant,
  type TicketEvent,
  type TicketKind,
  ticketStatusAfter,
  type TicketStatus,
} from '@helpdesk/contracts';

export type { TicketStatus };

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

export { sameParticipant };

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
      return { ...state, status: ticketStatusAfter(state, event) };
  }
};

export const foldAudience = (state: AudienceState, events: readonly TicketEvent[]): AudienceState =>
  events.reduce(evolveAudience, state);
