/** Who sends a command: from the bearer token (`sub`, `role`, `org`); `system` is the train planner. */
export interface Actor {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

// The values events carry are part of the published contract.
export { KINDS, type TicketKind } from '@helpdesk/contracts';
export type { CarriedFix } from './release.events';
