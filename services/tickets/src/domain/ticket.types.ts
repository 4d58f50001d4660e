/** Who sends a command: from the bearer token (`sub`, `role`, `org`). */
export interface Actor {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

// The values events carry are part of the published contract.
export {
  CHANNELS,
  type Channel,
  KINDS,
  type Participant,
  PRIORITIES,
  type Priority,
  STATUSES,
  type TicketStatus,
  type ProblemDetails,
  type ScheduledFix,
  type TicketKind,
  type Visibility,
} from '@helpdesk/contracts';
