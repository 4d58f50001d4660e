import { ALLOWED_CONTENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_LENGTH } from '../attachment-limits';
import type {
  AddAttachment,
  AddComment,
  AddParticipant,
  AssignTicket,
  GiveRemoteSessionConsent,
  RemoveParticipant,
  WithdrawRemoteSessionConsent,
} from '../ticket.commands';
import type { TicketEvent } from '../ticket.events';
import {
  isCustomer,
  NOT_CLOSED,
  refuse,
  requireAgent,
  requireCustomerSide,
  requireStatus,
  requireText,
} from '../ticket.rules';
import { type RegisteredTicket, sameParticipant } from '../ticket.state';
import type { Participant } from '../ticket.types';

type ConversationCommand =
  | AssignTicket
  | AddComment
  | AddAttachment
  | AddParticipant
  | RemoveParticipant
  | GiveRemoteSessionConsent
  | WithdrawRemoteSessionConsent;

export const decideConversation = (command: ConversationCommand, ticket: RegisteredTicket): TicketEvent[] => {
  const change = { ticketId: ticket.id, by: command.actor.id, at: command.at };
  requireStatus(ticket, NOT_CLOSED, describe[command.type]);
  switch (command.type) {
    case 'AssignTicket':
      requireAgent(command.actor, 'assign tickets');
      if (ticket.assigneeId === command.data.assigneeId) return [];
      return [
        {
          type: 'TicketAssigned',
          data: {
            ...change,
            assigneeId: command.data.assigneeId,
            ...(command.data.team ? { team: command.data.team } : {}),
          },
        },
      ];

    case 'AddComment': {
      const { visibility } = command.data;
      if (visibility === 'internal') requireAgent(command.actor, 'write internal comments');
      const body = requireText(command.data.body, 'The comment', 20000);
      const firstResponse =
        command.actor.role === 'agent' && visibility === 'public' && !ticket.firstResponseAt;
      const comment: TicketEvent = {
        type: 'CommentAdded',
        data: {
          ...change,
          commentId: command.data.commentId,
          body,
          visibility,
          authorRole: command.actor.role,
          firstResponse,
        },
      };
      // A customer's answer is the reply the ticket was waiting for.
      const replies = isCustomer(command.actor) && ticket.status === 'waiting_for_customer';
      return replies ? [comment, { type: 'CustomerReplied', data: change }] : [comment];
    }

    case 'AddAttachment': {
      const { attachmentId, fileName, contentType, size, sha256 } = command.data;
      if (size <= 0) refuse('invalid', 'empty_attachment', 'The file is empty.');
      if (size > MAX_ATTACHMENT_BYTES) {
        refuse(
          'invalid',
          'attachment_too_large',
          `Attachments may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`,
        );
      }
      if (!(ALLOWED_CONTENT_TYPES as readonly string[]).includes(contentType)) {
        refuse('invalid', 'attachment_type', `Files of type ${contentType} cannot be attached.`, {
          allowedContentTypes: ALLOWED_CONTENT_TYPES,
        });
      }
      const name = requireText(fileName, 'The file name', MAX_FILE_NAME_LENGTH);
      return [
        {
          type: 'AttachmentAdded',
          data: { ...change, attachmentId, fileName: name, contentType, sizeBytes: size, sha256 },
        },
      ];
    }

    case 'AddParticipant': {
      mayManageParticipants(command.actor, ticket);
      const participant = normalised(command.data.participant);
      if ('contactId' in participant) requireActiveContact(participant.contactId, command.data, ticket);
      if (ticket.participants.some((p) => sameParticipant(p, participant))) return [];
      return [{ type: 'ParticipantAdded', data: { ...change, participant } }];
    }

    case 'RemoveParticipant': {
      mayManageParticipants(command.actor, ticket);
      const participant = normalised(command.data.participant);
      if (!ticket.participants.some((p) => sameParticipant(p, participant))) return [];
      return [{ type: 'ParticipantRemoved', data: { ...change, participant } }];
    }

    case 'GiveRemoteSessionConsent':
      requireCustomerSide(command.actor, ticket, 'allow a remote session');
      return ticket.remoteSessionConsent ? [] : [{ type: 'RemoteSessionConsentGiven', data: change }];

    case 'WithdrawRemoteSessionConsent':
      requireCustomerSide(command.actor, ticket, 'withdraw consent for a remote session');
      return ticket.remoteSessionConsent ? [{ type: 'RemoteSessionConsentWithdrawn', data: change }] : [];
  }
};

const describe: Record<ConversationCommand['type'], string> = {
  AssignTicket: 'be assigned',
  AddComment: 'take comments',
  AddAttachment: 'take attachments',
  AddParticipant: 'take participants',
  RemoveParticipant: 'lose participants',
  GiveRemoteSessionConsent: 'allow a remote session',
  WithdrawRemoteSessionConsent: 'withdraw consent',
};

const mayManageParticipants = (actor: AddParticipant['actor'], ticket: RegisteredTicket) => {
  if (actor.role === 'agent') return;
  requireCustomerSide(actor, ticket, 'add or remove people involved');
};

/**
 * A contact joins a ticket only as an active contact of the ticket's organisation: anyone else
 * would never be told anything. A contact of another organisation is refused like one that does
 * not exist, so the refusal confirms nothing about other organisations.
 */
const requireActiveContact = (
  contactId: string,
  { organisation }: AddParticipant['data'],
  ticket: RegisteredTicket,
) => {
  const contact =
    organisation.status !== 'unregistered' && organisation.id === ticket.organisationId
      ? organisation.contacts[contactId]
      : undefined;
  const reason = !contact
    ? "is not a contact of the ticket's organisation"
    : !contact.active
      ? 'is no longer an active contact'
      : undefined;
  if (reason)
    refuse(
      'invalid',
      'participant_not_a_contact',
      `Contact ${contactId} ${reason}; add an e-mail address instead.`,
      {
        errors: [{ field: 'contactId', reason }],
      },
    );
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const normalised = (participant: Participant): Participant => {
  if ('contactId' in participant) return { contactId: participant.contactId };
  const email = participant.email.trim().toLowerCase();
  if (!EMAIL.test(email))
    refuse('invalid', 'invalid_email', `${participant.email} is not an e-mail address.`);
  return { email };
};
