/** Who sends a command: from the bearer token (`sub`, `role`, `org`). */
export interface Actor {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

// The values events carry are part of the published contract.
export type {
  Contact,
  ContactDetails,
  ContactRole,
  Language,
  OrganisationDetails,
} from '@helpdesk/contracts';
