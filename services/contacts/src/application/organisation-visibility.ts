import type { Principal } from '@helpdesk/platform';
import { activeAdministrators, type Contact, type RegisteredOrganisation } from '../domain';

/** What an employee sees of their own organisation: its name and whom to ask. */
export interface OrganisationSummary {
  id: string;
  name: string;
  status: string;
  administrators: Array<{ name: string; email: string }>;
}

export type OrganisationDetailsView = Omit<RegisteredOrganisation, 'contacts'> & {
  revision: number;
  administrators: Array<Pick<Contact, 'id' | 'name' | 'email'>>;
};

/**
 * The one rule for what a caller sees of an organisation they may see (canSee decides whether),
 * used by the detail route and the list alike: agents, systems and the organisation's
 * administrators its details; an employee the short summary only (no calendar, time zone, SLA
 * policy, language or contacts).
 */
export const organisationAsSeenBy = (
  principal: Principal,
  organisation: RegisteredOrganisation,
  revision: number,
): OrganisationDetailsView | OrganisationSummary => {
  const administrators = activeAdministrators(organisation).map(({ id, name, email }) => ({
    id,
    name,
    email,
  }));
  if (principal.role === 'customer_employee') {
    return {
      id: organisation.id,
      name: organisation.name,
      status: organisation.status,
      administrators: administrators.map(({ name, email }) => ({ name, email })),
    };
  }
  const { contacts: _contacts, ...details } = organisation;
  return { ...details, revision, administrators };
};
