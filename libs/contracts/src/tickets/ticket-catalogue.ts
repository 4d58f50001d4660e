import type { SealedValue } from '../personal-data/sealed-value';
import { WITHDRAWN_FOR_PERSONAL_DATA } from '../withdrawn-versions';
import { ticketTextSubject } from '../personal-data/ticket-subjects';
import type { PublishedTicketEvent, TicketEvent, TicketEventType } from './ticket-events';

type DataOf<Type extends TicketEventType> = Extract<PublishedTicketEvent, { type: Type }>['data'];

const ticketId = '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11';
const change = (by: string, at: string) => ({ ticketId, by, at });
const agent = (at: string) => change('agent-7', at);
const customer = (at: string) => change('contact-42', at);
const commentId = 'a3e1f0c2-9d8b-4f6e-8a7c-1b2d3e4f5a6b';
// What the documented examples' sealed values look like (random bytes: no key opens them).
const sealed = (subject: string, iv: string, ct: string): SealedValue => ({ pii: 1, subject, iv, ct });
const sealedAddress = sealed(
  'address:6b1f0c3a9e2d4b5c8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
  'Zt8Hq3Lm6Pv1Rx4n',
  'Kx9Jw7Lv5Mt3Nr1Pq8Os6Iu4Yt2Re0Wq',
);

/**
 * What each ticket event means and one documented example of it. Keyed by every event type,
 * so a new event cannot be published without its description and example.
 */
export const TICKET_EVENTS: {
  [Type in TicketEventType]: {
    summary: string;
    example: DataOf<Type>;
    version?: number;
    typeName?: string;
  };
} = {
  TicketRegistered: {
    version: 2,
    typeName: 'PublishedTicketRegistered',
    summary:
      "A contact (or an agent on their behalf) filed a ticket; it got its HD- number. The description is sealed under the description's own text key (SealedValue), deleted when an agent redacts it.",
    example: {
      ...customer('2026-11-20T09:12:00.000Z'),
      number: 'HD-00042',
      kind: 'error',
      channel: 'portal',
      subject: 'Export to CSV stops at 50%',
      description: sealed(
        ticketTextSubject(ticketId, 'description'),
        'Qp2Wo4Ei6Ru8Ty0U',
        'Mn3Bv5Cx7Za9Sd1Fg3Hj5Kl7Po9Iu1Yt3Re5',
      ),
      details: {
        stepsToReproduce: 'Reports > Export > Monthly',
        expectedResult: 'A complete CSV file',
        actualResult: 'The progress bar stops at 50%',
        impact: 'Finance cannot close the month',
      },
      organisationId: 'org-zorg',
      reporterId: 'contact-42',
    },
  },
  TicketTriaged: {
    summary: 'An agent assessed the ticket and gave it its first priority.',
    example: { ...agent('2026-11-20T09:20:00.000Z'), priority: 'P2' },
  },
  PriorityChanged: {
    summary: 'An agent changed the priority, with the reason.',
    example: { ...agent('2026-11-20T10:00:00.000Z'), from: 'P2', to: 'P1', reason: 'All users affected' },
  },
  ReassessmentRequested: {
    summary: 'The customer asked for the priority to be reassessed.',
    example: {
      ...customer('2026-11-20T09:30:00.000Z'),
      reason: 'Payroll depends on it',
      proposedPriority: 'P1',
    },
  },
  ReassessmentAccepted: {
    summary: 'An agent accepted a reassessment request and changed the priority.',
    example: {
      ...agent('2026-11-20T09:40:00.000Z'),
      from: 'P2',
      to: 'P1',
      reason: 'Payroll run is today',
      requestedBy: 'contact-42',
    },
  },
  ReassessmentDeclined: {
    summary: 'An agent declined a reassessment request, with the reason.',
    example: {
      ...agent('2026-11-20T09:40:00.000Z'),
      reason: 'A workaround exists',
      requestedBy: 'contact-42',
    },
  },
  TicketAssigned: {
    summary: 'The ticket was assigned to an agent (and team).',
    example: { ...agent('2026-11-20T09:21:00.000Z'), assigneeId: 'agent-7', team: 'second-line' },
  },
  CommentAdded: {
    version: 2,
    typeName: 'PublishedCommentAdded',
    summary:
      "A public or internal comment; internal ones are for agents only. The body is sealed under the comment's own text key (SealedValue), deleted when an agent redacts it.",
    example: {
      ...agent('2026-11-20T09:25:00.000Z'),
      commentId,
      body: sealed(
        ticketTextSubject(ticketId, `comment/${commentId}`),
        'Lk8Jh6Gf4Ds2Aq0W',
        'Xc1Vb3Nm5Qw7Er9Ty1Ui3Op5As7Df9Gh1Jk3',
      ),
      visibility: 'public',
      authorRole: 'agent',
      firstResponse: true,
    },
  },
  AttachmentAdded: {
    version: 2,
    summary: 'A file was attached; its content is kept by the tickets service.',
    example: {
      ...customer('2026-11-20T09:13:00.000Z'),
      attachmentId: 'b4f2a1d3-0e9c-4a7f-9b8d-2c3e4f5a6b7c',
      fileName: 'export.log',
      contentType: 'text/plain',
      sizeBytes: 18234,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
  },
  ParticipantAdded: {
    version: 2,
    typeName: 'PublishedParticipantAdded',
    summary:
      "Someone now receives all communication about the ticket: a contact by id, or an outside address sealed under the address's own key (SealedValue).",
    example: { ...customer('2026-11-20T09:14:00.000Z'), participant: { email: sealedAddress } },
  },
  ParticipantRemoved: {
    version: 2,
    typeName: 'PublishedParticipantRemoved',
    summary:
      'Someone no longer receives communication about the ticket (an outside address sealed, as in ParticipantAdded).',
    example: { ...customer('2026-11-21T09:14:00.000Z'), participant: { contactId: 'contact-43' } },
  },
  WorkStarted: {
    summary: 'An agent started working on the ticket.',
    example: agent('2026-11-20T09:30:00.000Z'),
  },
  WaitingForCustomer: {
    summary: 'The agent needs an answer from the customer; resolution time pauses.',
    example: { ...agent('2026-11-20T11:00:00.000Z'), question: 'Which browser do you use?' },
  },
  CustomerReplied: {
    summary: 'The customer answered; the ticket is worked on again.',
    example: customer('2026-11-20T13:00:00.000Z'),
  },
  WaitingForThirdParty: {
    summary: 'The ticket waits for a supplier or another party.',
    example: {
      ...agent('2026-11-20T14:00:00.000Z'),
      thirdParty: 'Hosting provider',
      reason: 'Disk full on host',
    },
  },
  WorkResumed: { summary: 'Work continues after waiting.', example: agent('2026-11-21T08:00:00.000Z') },
  WorkaroundProvided: {
    summary: 'A workaround restores service; it stops the resolution clock (seed 004).',
    example: { ...agent('2026-11-20T15:00:00.000Z'), workaround: 'Export per week until the fix ships.' },
  },
  FixScheduled: {
    summary: 'The fix is planned into a release.',
    example: {
      ...change('system', '2026-11-21T10:00:00.000Z'),
      releaseId: 'train-2026-12-08',
      version: '2026.12.08',
      plannedDate: '2026-12-08',
    },
  },
  FixUnscheduled: {
    summary: 'The fix was taken out of its release (or the release was cancelled).',
    example: {
      ...change('system', '2026-11-25T10:00:00.000Z'),
      releaseId: 'train-2026-12-08',
      reason: 'Cancelled',
    },
  },
  FixReleased: {
    summary: 'The release carrying the fix shipped.',
    example: {
      ...change('system', '2026-12-08T18:00:00.000Z'),
      releaseId: 'train-2026-12-08',
      version: '2026.12.08',
    },
  },
  TicketResolved: {
    summary: 'An agent resolved the ticket; the customer may confirm or reopen it.',
    example: { ...agent('2026-12-08T18:05:00.000Z'), resolution: 'Fixed in 2026.12.08.' },
  },
  TicketClosed: {
    summary: 'The ticket closed: confirmed by the customer, or automatically after days resolved.',
    example: { ...customer('2026-12-09T08:00:00.000Z'), reason: 'confirmed' },
  },
  TicketReopened: {
    summary: 'A resolved or closed ticket was reopened.',
    example: { ...customer('2026-12-09T08:00:00.000Z'), reason: 'The export still stops at 90%.' },
  },
  WishAccepted: {
    summary: 'A wish was accepted for the product.',
    example: agent('2026-11-22T10:00:00.000Z'),
  },
  WishDeclined: {
    summary: 'A wish was declined, with the reason.',
    example: { ...agent('2026-11-22T10:00:00.000Z'), reason: 'Out of the product scope.' },
  },
  RemoteSessionConsentGiven: {
    summary: 'The customer allowed a remote session.',
    example: customer('2026-11-20T09:50:00.000Z'),
  },
  RemoteSessionConsentWithdrawn: {
    summary: 'The customer withdrew consent for remote sessions.',
    example: customer('2026-11-20T17:00:00.000Z'),
  },
  CommentRedacted: {
    summary:
      'An agent redacted a comment holding personal data: its text key is deleted, so the sealed body opens nowhere any more. Names who did it and why; drop your copy of the body.',
    example: { ...agent('2026-11-22T09:00:00.000Z'), commentId, reason: 'Holds a patient name' },
  },
  DescriptionRedacted: {
    summary: "An agent redacted the ticket's description: its text key is deleted, as for CommentRedacted.",
    example: { ...agent('2026-11-22T09:05:00.000Z'), reason: 'Holds a BSN number' },
  },
};

/** Earlier versions still documented: what subscribers of those versions read (see SupersededTicketEvent). */
export const SUPERSEDED_TICKET_EVENTS = [
  {
    name: 'AttachmentAdded',
    version: 1,
    typeName: 'AttachmentAddedV1',
    summary:
      'A file was attached (version 1: `size` for what v2 calls `sizeBytes`). Still published beside v2, with the same event id, for subscribers that read only v1.',
    example: {
      ...customer('2026-11-20T09:13:00.000Z'),
      attachmentId: 'b4f2a1d3-0e9c-4a7f-9b8d-2c3e4f5a6b7c',
      fileName: 'export.log',
      contentType: 'text/plain',
      size: 18234,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
  },
  {
    name: 'TicketRegistered',
    version: 1,
    typeName: 'TicketRegistered',
    summary: 'A ticket was filed (version 1: the description in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: { ...TICKET_EVENTS.TicketRegistered.example, description: 'The monthly export stops halfway.' },
  },
  {
    name: 'CommentAdded',
    version: 1,
    typeName: 'CommentAdded',
    summary: 'A comment (version 1: the body in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: { ...TICKET_EVENTS.CommentAdded.example, body: 'We can reproduce it.' },
  },
  {
    name: 'ParticipantAdded',
    version: 1,
    typeName: 'ParticipantAdded',
    summary: 'Someone receives the communication (version 1: an address in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: { ...customer('2026-11-20T09:14:00.000Z'), participant: { email: 'it-desk@zorg.example' } },
  },
  {
    name: 'ParticipantRemoved',
    version: 1,
    typeName: 'ParticipantRemoved',
    summary: 'Someone no longer receives it (version 1: an address in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: { ...customer('2026-11-21T09:14:00.000Z'), participant: { contactId: 'contact-43' } },
  },
];

const CLEAR_VALUES: Partial<Record<TicketEventType, Record<string, unknown>>> = {
  TicketRegistered: { description: 'Since this morning the monthly export stops halfway.' },
  CommentAdded: { body: 'We can reproduce it and are looking into it.' },
  ParticipantAdded: { participant: { email: 'it-desk@zorg.example' } },
};

/**
 * The documented example as the desk's own code reads it (sealed values opened through the
 * decode seam): what deciders and their tests take.
 */
export const clearTicketExample = <Type extends TicketEventType>(type: Type): ClearDataOf<Type> => {
  const example: unknown = { ...TICKET_EVENTS[type].example, ...CLEAR_VALUES[type] };
  return example as ClearDataOf<Type>;
};

type ClearDataOf<Type extends TicketEventType> = Extract<TicketEvent, { type: Type }>['data'];
