import type { Organisation } from '@helpdesk/contracts';
import type {
  Actor,
  Channel,
  Participant,
  Priority,
  ProblemDetails,
  ScheduledFix,
  TicketKind,
  Visibility,
} from './ticket.types';

/** Time, ids and the ticket number arrive in the command: the decider itself stays pure. */
type Command<Type extends string, Data = Record<string, never>> = {
  type: Type;
  data: Data;
  actor: Actor;
  at: string;
};

export type RegisterTicket = Command<
  'RegisterTicket',
  {
    ticketId: string;
    number: string;
    kind: TicketKind;
    channel: Channel;
    subject: string;
    description: string;
    details?: ProblemDetails;
    organisationId: string;
    reporterId: string;
    /** The reporter's organisation as the contacts service's events describe it: who may file. */
    organisation: Organisation;
    /** Filed by the mail receiver from the reporter's own mail: the one way a customer files by e-mail. */
    receivedMail?: { messageId: string };
  }
>;
export type TriageTicket = Command<'TriageTicket', { priority: Priority }>;
export type ChangePriority = Command<'ChangePriority', { priority: Priority; reason: string }>;
export type RequestReassessment = Command<
  'RequestReassessment',
  { reason: string; proposedPriority?: Priority }
>;
export type DecideReassessment = Command<
  'DecideReassessment',
  { accept: boolean; priority?: Priority; reason: string }
>;
export type AssignTicket = Command<'AssignTicket', { assigneeId: string; team?: string }>;
export type AddComment = Command<'AddComment', { commentId: string; body: string; visibility: Visibility }>;
export type AddAttachment = Command<
  'AddAttachment',
  { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string }
>;
export type AddParticipant = Command<
  'AddParticipant',
  {
    participant: Participant;
    /** The ticket's organisation as the contacts service's events describe it: whose contacts may join. */
    organisation: Organisation;
  }
>;
export type RemoveParticipant = Command<'RemoveParticipant', { participant: Participant }>;
export type StartWork = Command<'StartWork'>;
export type WaitForCustomer = Command<'WaitForCustomer', { question: string }>;
/** A reply that did not come as a comment (a phone call): an agent records it. */
export type RecordCustomerReply = Command<'RecordCustomerReply'>;
export type WaitForThirdParty = Command<'WaitForThirdParty', { thirdParty: string; reason: string }>;
export type ResumeWork = Command<'ResumeWork'>;
export type ProvideWorkaround = Command<'ProvideWorkaround', { workaround: string }>;
export type ScheduleFix = Command<'ScheduleFix', ScheduledFix>;
export type UnscheduleFix = Command<'UnscheduleFix', { releaseId: string; reason: string }>;
export type ReleaseFix = Command<'ReleaseFix', { releaseId: string; version: string }>;
export type ResolveTicket = Command<'ResolveTicket', { resolution: string }>;
export type CloseTicket = Command<
  'CloseTicket',
  { reason: 'confirmed' | 'auto'; autoCloseAfterDays?: number }
>;
export type ReopenTicket = Command<'ReopenTicket', { reason: string }>;
export type AcceptWish = Command<'AcceptWish'>;
export type DeclineWish = Command<'DeclineWish', { reason: string }>;
export type GiveRemoteSessionConsent = Command<'GiveRemoteSessionConsent'>;
export type WithdrawRemoteSessionConsent = Command<'WithdrawRemoteSessionConsent'>;
/** Redacts a text that holds personal data: a comment (by id) or the description. */
export type RedactText = Command<'RedactText', { text: { comment: string } | 'description'; reason: string }>;

export type TicketCommand =
  | RegisterTicket
  | TriageTicket
  | ChangePriority
  | RequestReassessment
  | DecideReassessment
  | AssignTicket
  | AddComment
  | AddAttachment
  | AddParticipant
  | RemoveParticipant
  | StartWork
  | WaitForCustomer
  | RecordCustomerReply
  | WaitForThirdParty
  | ResumeWork
  | ProvideWorkaround
  | ScheduleFix
  | UnscheduleFix
  | ReleaseFix
  | ResolveTicket
  | CloseTicket
  | ReopenTicket
  | AcceptWish
  | DeclineWish
  | GiveRemoteSessionConsent
  | WithdrawRemoteSessionConsent
  | RedactText;

export type TicketCommandType = TicketCommand['type'];
