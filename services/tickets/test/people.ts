import type { Principal } from '@helpdesk/platform';

export const agent: Principal = { id: 'agent-1', role: 'agent' };
export const reporter: Principal = { id: 'c-reporter', role: 'customer_employee', organisationId: 'org-a' };
export const colleague: Principal = { id: 'c-colleague', role: 'customer_employee', organisationId: 'org-a' };
export const adminA: Principal = { id: 'c-admin-a', role: 'customer_admin', organisationId: 'org-a' };
export const adminB: Principal = { id: 'c-admin-b', role: 'customer_admin', organisationId: 'org-b' };

export const aTicket = {
  kind: 'error',
  subject: 'Export stops at 50%',
  description: 'The monthly export stops halfway.',
};
