/** Who sends a command: from the bearer token (`sub`, `role`, `org`). */
export interface Actor {
  id: string;
  role: 'agent' | 'customer_admin' | 'customer_employee' | 'system';
  organisationId?: string;
}

export type Language = 'nl' | 'en';
export type ContactRole = 'customer_admin' | 'customer_employee';

export interface ContactDetails {
  name: string;
  email: string;
  phone?: string;
  language: Language;
}

export interface Contact extends ContactDetails {
  id: string;
  role: ContactRole;
  /** May have tickets filed for them (only while active). */
  authorised: boolean;
  active: boolean;
}

export interface OrganisationDetails {
  name: string;
  /** IANA time zone of the organisation, e.g. Europe/Amsterdam. */
  timeZone: string;
  /** The SLA policy of its contract, e.g. `response-time` or `restore-time`. */
  slaPolicy: string;
  /** The support calendar its SLA clocks run on. */
  calendar: string;
}
