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
}

export type Ticket = { status: 'unregistered' } | RegisteredTicket;

export const initialTicket: Ticket = { status: 'unregistered' };

export const sameParticipant = (a: Participant, b: Participant) =>
  'contactId' in a ? 'contactId' in b && a.contactId === b.contactId : 'email' in b && a.email === b.email;

/** The status is never stored: it is what the events make of the ticket. */
export const evolveTicket = (state: Ticket, event: TicketEvent): Ticket => {
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
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'TicketTriaged':
      return { ...state, status: 'open', priority: event.data.priority };
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
      return { ...state, firstResponseAt: event.data.firstResponse ? event.data.at : state.firstResponseAt };
    case 'ParticipantAdded':
      return { ...state, participants: [...state.participants, event.data.participant] };
    case 'ParticipantRemoved':
      return {
        ...state,
        participants: state.participants.filter((p) => !sameParticipant(p, event.data.participant)),
      };
    case 'WorkStarted':
    case 'CustomerReplied':
    case 'WorkResumed':
      return { ...state, status: 'in_progress' };
    case 'WaitingForCustomer':
      return { ...state, status: 'waiting_for_customer' };
    case 'WaitingForThirdParty':
      return { ...state, status: 'waiting_for_third_party' };
    case 'WorkaroundProvided':
      return { ...state, status: 'workaround_provided' };
    case 'FixScheduled': {
      const { releaseId, version, plannedDate } = event.data;
      return { ...state, status: 'fix_scheduled', fix: { releaseId, version, plannedDate } };
    }
    case 'FixUnscheduled':
      return { ...state, status: state.kind === 'wish' ? 'accepted' : 'in_progress', fix: undefined };
    case 'AttachmentAdded':
      return state; // attachments matter to the read side, not to any rule
    case 'FixReleased':
      return state; // the TicketResolved that comes with it changes the status
    case 'TicketResolved':
      return { ...state, status: 'resolved', resolvedAt: event.data.at };
    case 'TicketClosed':
    case 'WishDeclined':
      return { ...state, status: 'closed' };
    case 'TicketReopened':
      return { ...state, status: 'open', resolvedAt: undefined, fix: undefined };
    case 'WishAccepted':
      return { ...state, status: 'accepted' };
    case 'RemoteSessionConsentGiven':
      return { ...state, remoteSessionConsent: true };
    case 'RemoteSessionConsentWithdrawn':
      return { ...state, remoteSessionConsent: false };
  }
};
