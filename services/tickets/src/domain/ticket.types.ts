/** Who sends a command: from the bearer token (`sub`, `role`, `org`). */
export interface Actor {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

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

// The values events carry are part of the published contract.
export {
  CHANNELS,
  type Channel,
  KINDS,
  type Participant,
  PRIORITIES,
  type Priority,
  type ProblemDetails,
  type ScheduledFix,
  type TicketKind,
  type Visibility,
} from '@helpdesk/contracts';
