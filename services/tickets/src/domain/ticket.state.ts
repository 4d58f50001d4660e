import { sameParticipant, ticketStatusAfter } from '@helpdesk/contracts';
import type { TicketEvent } from './ticket.events';
import type { Participant, Priority, ScheduledFix, TicketKind, TicketStatus } from './ticket.types';

export interface RegisteredTicket {
  id: string;
  number: string;
  kind: TicketKind;
  status: TicketStatus;
  organisationId: string;
  reporterId: string;
  priority?: Priority;
  assigneeId?: string;
  participants: Participant[];
  firstResponseAt?: string;
  pendingReassessment?: { requestedBy: string; reason: string; proposedPriority?: Priority };
  fix?: ScheduledFix;
  resolvedAt?: string;
  remoteSessionConsent: boolean;
  /** Ids of its comments, so a redaction can name only one that exists. */
  commentIds: string[];
  /** Texts redacted (`description`, `comment/<id>`): each is redacted once. */
  redacted: string[];
}

export type Ticket = { status: 'unregistered' } | RegisteredTicket;

export const initialTicket: Ticket = { status: 'unregistered' };

export { sameParticipant };

/** The status is never stored: it is what the events make of the ticket (the contract says how). */
export const evolveTicket = (state: Ticket, event: TicketEvent): Ticket => {
  const next = evolveFacts(state, event);
  return next.status === 'unregistered' ? next : { ...next, status: ticketStatusAfter(next, event) };
};

/** Everything but the status that the rules need. */
const evolveFacts = (state: Ticket, event: TicketEvent): Ticket => {
  if (event.type === 'TicketRegistered') {
    const { ticketId, number, kind, organisationId, reporterId } = event.data;
    return {
      id: ticketId,
      number,
      kind,
      status: 'new',
      organisationId,
      reporterId,
      participants: [],
      remoteSessionConsent: false,
      commentIds: [],
      redacted: [],
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'TicketTriaged':
      return { ...state, priority: event.data.priority };
    case 'PriorityChanged':
      return { ...state, priority: event.data.to };
    case 'ReassessmentRequested':
      return {
        ...state,
        pendingReassessment: {
          requestedBy: event.data.by,
          reason: event.data.reason,
          proposedPriority: event.data.proposedPriority,
        },
      };
    case 'ReassessmentAccepted':
      return { ...state, priority: event.data.to, pendingReassessment: undefined };
    case 'ReassessmentDeclined':
      return { ...state, pendingReassessment: undefined };
    case 'TicketAssigned':
      return { ...state, assigneeId: event.data.assigneeId };
    case 'CommentAdded':
      return {
        ...state,
        firstResponseAt: event.data.firstResponse ? event.data.at : state.firstResponseAt,
        commentIds: [...state.commentIds, event.data.commentId],
      };
    case 'CommentRedacted':
      return { ...state, redacted: [...state.redacted, `comment/${event.data.commentId}`] };
    case 'DescriptionRedacted':
      return { ...state, redacted: [...state.redacted, 'description'] };
    case 'ParticipantAdded':
      return { ...state, participants: [...state.participants, event.data.participant] };
    case 'ParticipantRemoved':
      return {
        ...state,
        participants: state.participants.filter((p) => !sameParticipant(p, event.data.participant)),
      };
    case 'FixScheduled': {
      const { releaseId, version, plannedDate } = event.data;
      return { ...state, fix: { releaseId, version, plannedDate } };
    }
    case 'FixUnscheduled':
      return { ...state, fix: undefined };
    case 'TicketResolved':
      return { ...state, resolvedAt: event.data.at };
    case 'TicketReopened':
      return { ...state, resolvedAt: undefined, fix: undefined };
    case 'RemoteSessionConsentGiven':
      return { ...state, remoteSessionConsent: true };
    case 'RemoteSessionConsentWithdrawn':
      return { ...state, remoteSessionConsent: false };
    default:
      return state;
  }
};
