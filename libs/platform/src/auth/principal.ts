/** Who is calling: from the bearer token's claims `sub`, `role` and `org`. */
export const ROLES = ['agent', 'customer_admin', 'customer_employee', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  id: string;
  role: Role;
  /** The customer organisation; required for customer roles, absent for the vendor's agents. */
  organisationId?: string;
}

export const isCustomer = (principal: Principal) =>
  principal.role === 'customer_admin' || principal.role === 'customer_employee';
