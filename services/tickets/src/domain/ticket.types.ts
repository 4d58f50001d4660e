/** Who sends a command: from the bearer token (`sub`, `role`, `org`). */
export interface Actor {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** question: how do I...; error: does not work as it should; outage: production disturbed or down; wish: a feature request. */
export const KINDS = ['question', 'error', 'outage', 'wish'] as const;
export type TicketKind = (typeof KINDS)[number];

/** phone and email: an agent registers the ticket on the caller's behalf. */
export const CHANNELS = ['portal', 'email', 'phone', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Visibility = 'public' | 'internal';

export const STATUSES = [
  'new',
  'open',
  'in_progress',
  'waiting_for_customer',
  'waiting_for_third_party',
  'workaround_provided',
  'fix_scheduled',
  'resolved',
  'closed',
  'accepted',
] as const;
export type TicketStatus = (typeof STATUSES)[number];

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
