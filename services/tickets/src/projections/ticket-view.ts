import { decodeEvent } from '@helpdesk/contracts';
import type { ProjectedEvent, Projection, View } from '@helpdesk/read-models';
import type { TicketEvent } from '../domain';
import { evolveTicket, initialTicket, type RegisteredTicket, type Ticket } from '../domain';
import type { Channel, ProblemDetails, Visibility } from '../domain';
import { REDACTED } from '../domain';

export interface CommentView {
  id: string;
  /** `[redacted]` once an agent redacted it. */
  body: string;
  visibility: Visibility;
  authorId: string;
  authorRole: string;
  at: string;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  addedBy: string;
  at: string;
}

/** A ticket as agents and customers read it: the domain state plus what people want to see. */
export interface TicketView extends View, RegisteredTicket {
  channel: Channel;
  subject: string;
  description: string;
  details: ProblemDetails;
  /** Contact ids among the participants: who, besides the reporter, may read it. */
  participantIds: string[];
  /** 1-4 for P1-P4, 5 before triage: a sort key that is never empty. */
  priorityRank: number;
  team?: string;
  workaround?: string;
  resolution?: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  comments: CommentView[];
  attachments: AttachmentView[];
}

const UNTRIAGED_RANK = 5;
const rank = (priority?: string) => (priority ? Number(priority.slice(1)) : UNTRIAGED_RANK);

/** The same fold serves the read model, its rebuild, and "the ticket as it was at T". */
export const ticketViewProjection: Projection<TicketView> = {
  name: 'ticket-views',
  documentId: (event) =>
    event.streamId.startsWith('ticket-') ? decodeEvent<TicketEvent>(event).data.ticketId : undefined,
  evolve: (current, stored) => evolveTicketView(current, stored),
};

const evolveTicketView = (current: TicketView | undefined, stored: ProjectedEvent): TicketView => {
  const event = decodeEvent<TicketEvent>(stored);
  // The domain's own evolve keeps status and the rules' fields; the view adds what people read.
  const state = evolveTicket((current ?? initialTicket) as Ticket, event);
  const view = { ...state, updatedAt: event.data.at } as TicketView;
  switch (event.type) {
    case 'TicketRegistered': {
      const { channel, subject, description, details, at } = event.data;
      return {
        ...view,
        revision: stored.revision,
        channel,
        subject,
        description,
        details,
        createdAt: at,
        participantIds: [],
        priorityRank: UNTRIAGED_RANK,
        comments: [],
        attachments: [],
      };
    }
    case 'TicketTriaged':
    case 'PriorityChanged':
    case 'ReassessmentAccepted':
      return { ...view, priorityRank: rank(view.priority) };
    case 'TicketAssigned':
      return { ...view, team: event.data.team };
    case 'CommentAdded': {
      const { commentId, body, visibility, by, authorRole, at } = event.data;
      return {
        ...view,
        comments: [...view.comments, { id: commentId, body, visibility, authorId: by, authorRole, at }],
      };
    }
    case 'AttachmentAdded': {
      const { attachmentId, fileName, contentType, sizeBytes, sha256, by, at } = event.data;
      return {
        ...view,
        attachments: [
          ...view.attachments,
          { id: attachmentId, fileName, contentType, size: sizeBytes, sha256, addedBy: by, at },
        ],
      };
    }
    case 'ParticipantAdded':
    case 'ParticipantRemoved':
      return {
        ...view,
        participantIds: view.participants.flatMap((p) => ('contactId' in p ? [p.contactId] : [])),
      };
    case 'CommentRedacted':
      return {
        ...view,
        comments: view.comments.map((c) => (c.id === event.data.commentId ? { ...c, body: REDACTED } : c)),
      };
    case 'DescriptionRedacted':
      return { ...view, description: REDACTED };
    case 'WorkaroundProvided':
      return { ...view, workaround: event.data.workaround };
    case 'TicketResolved':
      return { ...view, resolution: event.data.resolution };
    case 'TicketClosed':
    case 'WishDeclined':
      return { ...view, closedAt: event.data.at };
    case 'TicketReopened':
      return { ...view, resolution: undefined, closedAt: undefined };
    default:
      return view;
  }
};

/**
 * What a caller may read: internal comments are for the vendor's agents only. The rules' own
 * bookkeeping of comment ids and redactions is not shown (the ids would name internal comments).
 */
export const visibleTo = (view: TicketView, role: string): TicketView => {
  const { commentIds: _ids, redacted: _redacted, ...shown } = view;
  return role === 'agent' || role === 'system'
    ? (shown as TicketView)
    : ({ ...shown, comments: view.comments.filter((c) => c.visibility === 'public') } as TicketView);
};
