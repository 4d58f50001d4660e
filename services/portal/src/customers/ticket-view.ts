import type { Priority, TicketKind, TicketStatus } from '@helpdesk/contracts';

/** GET /tickets/{id} as the portal reads it, for customers (public comments only) and agents. */
export interface TicketView {
  id: string;
  number: string;
  subject: string;
  description: string;
  kind: TicketKind;
  status: TicketStatus;
  priority?: Priority;
  organisationId: string;
  reporterId: string;
  assigneeId?: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
  details: { stepsToReproduce?: string; expectedResult?: string; actualResult?: string; impact?: string };
  participants: Array<{ contactId: string } | { email: string }>;
  remoteSessionConsent: boolean;
  comments: Array<{
    id: string;
    body: string;
    visibility: 'public' | 'internal';
    authorId: string;
    authorRole: string;
    at: string;
  }>;
  attachments: Array<{ id: string; fileName: string; contentType: string; size: number; at: string }>;
  pendingReassessment?: { requestedBy: string; reason: string; proposedPriority?: Priority };
  resolution?: string;
  workaround?: string;
  /** The release the fix is scheduled in (agents plan it). */
  fix?: { releaseId: string; version: string; plannedDate: string };
  sla?: Partial<
    Record<
      'triage' | 'first_response' | 'resolution',
      { state: string; dueAt: string | null; breached: boolean }
    >
  >;
}

export interface ContactSummary {
  id: string;
  name: string;
  email: string;
  role: 'customer_admin' | 'customer_employee';
  authorised: boolean;
  active: boolean;
  language: 'nl' | 'en';
  phone?: string | null;
}

export const participantKey = (participant: TicketView['participants'][number]) =>
  'contactId' in participant ? participant.contactId : participant.email;
