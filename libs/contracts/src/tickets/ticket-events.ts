/**
 * The ticket's events: the tickets service's published language on `helpdesk.tickets.v1`.
 * Every consumer (sla-monitor, notifications, releases, other systems) reads these shapes;
 * their JSON Schemas and the AsyncAPI document are generated from this file
 * (`npm run contracts:generate`) and a test fails when a change breaks a published version.
 */
import type { SealedValue } from '../personal-data/sealed-value';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** question: how do I...; error: does not work as it should; outage: production disturbed or down; wish: a feature request. */
export const KINDS = ['question', 'error', 'outage', 'wish'] as const;
export type TicketKind = (typeof KINDS)[number];

/** phone and email: an agent registers the ticket on the caller's behalf. */
export const CHANNELS = ['portal', 'email', 'phone', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Visibility = 'public' | 'internal';

/** Someone who receives all of a ticket's communication: a contact, or just an e-mail address. */
export type Participant = { contactId: string } | { email: string };

export interface ScheduledFix {
  releaseId: string;
  version: string;
  plannedDate: string;
}

/** What makes a ticket specific (seed 003): each optional, all encouraged. */
export interface ProblemDetails {
  stepsToReproduce?: string;
  expectedResult?: string;
  actualResult?: string;
  impact?: string;
}

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Every ticket event names the ticket, who did it and when: the history needs no metadata. */
interface Change {
  ticketId: string;
  by: string;
  at: string;
}

export type TicketRegistered = Event<
  'TicketRegistered',
  Change & {
    number: string;
    kind: TicketKind;
    channel: Channel;
    subject: string;
    description: string;
    details: ProblemDetails;
    organisationId: string;
    reporterId: string;
    /** Filed from a mail: its Message-ID, so the confirmation answers the sender's own thread. */
    receivedMail?: { messageId: string };
  }
>;
export type TicketTriaged = Event<'TicketTriaged', Change & { priority: Priority }>;
export type PriorityChanged = Event<
  'PriorityChanged',
  Change & { from: Priority; to: Priority; reason: string }
>;
export type ReassessmentRequested = Event<
  'ReassessmentRequested',
  Change & { reason: string; proposedPriority?: Priority }
>;
export type ReassessmentAccepted = Event<
  'ReassessmentAccepted',
  Change & { from: Priority; to: Priority; reason: string; requestedBy: string }
>;
export type ReassessmentDeclined = Event<
  'ReassessmentDeclined',
  Change & { reason: string; requestedBy: string }
>;
export type TicketAssigned = Event<'TicketAssigned', Change & { assigneeId: string; team?: string }>;
export type CommentAdded = Event<
  'CommentAdded',
  Change & {
    commentId: string;
    body: string;
    visibility: Visibility;
    authorRole: string;
    /** The first public comment of an agent: it stops the first-response clock. */
    firstResponse: boolean;
  }
>;
/**
 * Version 2: the size is `sizeBytes`, with its unit in its name like every other byte count of
 * the desk (`MAIL_IN_MAX_BYTES`, `HTTP_BODY_MAX_BYTES`). Stored v1 events are upcast when read.
 */
export type AttachmentAdded = Event<
  'AttachmentAdded',
  Change & { attachmentId: string; fileName: string; contentType: string; sizeBytes: number; sha256: string }
>;

/** Version 1 of AttachmentAdded (`size`), as stored before v2 and still published as `.v1`. */
export type AttachmentAddedV1 = Event<
  'AttachmentAdded',
  Change & { attachmentId: string; fileName: string; contentType: string; size: number; sha256: string }
>;

/** Earlier versions of ticket events: their schemas stay published for subscribers of those versions. */
export type SupersededTicketEvent =
  AttachmentAddedV1 | TicketRegistered | CommentAdded | ParticipantAdded | ParticipantRemoved;
export type ParticipantAdded = Event<'ParticipantAdded', Change & { participant: Participant }>;
export type ParticipantRemoved = Event<'ParticipantRemoved', Change & { participant: Participant }>;
export type WorkStarted = Event<'WorkStarted', Change>;
export type WaitingForCustomer = Event<'WaitingForCustomer', Change & { question: string }>;
export type CustomerReplied = Event<'CustomerReplied', Change>;
export type WaitingForThirdParty = Event<
  'WaitingForThirdParty',
  Change & { thirdParty: string; reason: string }
>;
export type WorkResumed = Event<'WorkResumed', Change>;
export type WorkaroundProvided = Event<'WorkaroundProvided', Change & { workaround: string }>;
export type FixScheduled = Event<'FixScheduled', Change & ScheduledFix>;
export type FixUnscheduled = Event<'FixUnscheduled', Change & { releaseId: string; reason: string }>;
export type FixReleased = Event<'FixReleased', Change & { releaseId: string; version: string }>;
export type TicketResolved = Event<'TicketResolved', Change & { resolution: string }>;
export type TicketClosed = Event<'TicketClosed', Change & { reason: 'confirmed' | 'auto' }>;
export type TicketReopened = Event<'TicketReopened', Change & { reason: string }>;
export type WishAccepted = Event<'WishAccepted', Change>;
export type WishDeclined = Event<'WishDeclined', Change & { reason: string }>;
export type RemoteSessionConsentGiven = Event<'RemoteSessionConsentGiven', Change>;
export type RemoteSessionConsentWithdrawn = Event<'RemoteSessionConsentWithdrawn', Change>;
/**
 * An agent redacted a comment that held personal data: the comment's own text key is deleted,
 * so its body opens nowhere any more; who did it and why are recorded, the text is not.
 */
export type CommentRedacted = Event<'CommentRedacted', Change & { commentId: string; reason: string }>;
/** An agent redacted the ticket's description: as CommentRedacted, for the description's text key. */
export type DescriptionRedacted = Event<'DescriptionRedacted', Change & { reason: string }>;

export type TicketEvent =
  | TicketRegistered
  | TicketTriaged
  | PriorityChanged
  | ReassessmentRequested
  | ReassessmentAccepted
  | ReassessmentDeclined
  | TicketAssigned
  | CommentAdded
  | AttachmentAdded
  | ParticipantAdded
  | ParticipantRemoved
  | WorkStarted
  | WaitingForCustomer
  | CustomerReplied
  | WaitingForThirdParty
  | WorkResumed
  | WorkaroundProvided
  | FixScheduled
  | FixUnscheduled
  | FixReleased
  | TicketResolved
  | TicketClosed
  | TicketReopened
  | WishAccepted
  | WishDeclined
  | RemoteSessionConsentGiven
  | RemoteSessionConsentWithdrawn
  | CommentRedacted
  | DescriptionRedacted;

/** An outside participant as published since version 2: the address sealed under its own key. */
export type PublishedParticipant = { contactId: string } | { email: SealedValue };

/** Version 2: the description sealed under its text key (redactable). */
export type PublishedTicketRegistered = Event<
  'TicketRegistered',
  Omit<TicketRegistered['data'], 'description'> & { description: SealedValue }
>;
/** Version 2: the body sealed under the comment's text key (redactable). */
export type PublishedCommentAdded = Event<
  'CommentAdded',
  Omit<CommentAdded['data'], 'body'> & { body: SealedValue }
>;
/** Version 2: an outside participant's address sealed. */
export type PublishedParticipantAdded = Event<
  'ParticipantAdded',
  Change & { participant: PublishedParticipant }
>;
export type PublishedParticipantRemoved = Event<
  'ParticipantRemoved',
  Change & { participant: PublishedParticipant }
>;

/**
 * The events as they are on `helpdesk.tickets.v1` (and in the event store): the desk's code reads
 * them through the decode seam with sealed values opened (TicketEvent), subscribers get this.
 */
export type PublishedTicketEvent =
  | Exclude<TicketEvent, TicketRegistered | CommentAdded | ParticipantAdded | ParticipantRemoved>
  | PublishedTicketRegistered
  | PublishedCommentAdded
  | PublishedParticipantAdded
  | PublishedParticipantRemoved;

export type TicketEventType = TicketEvent['type'];
