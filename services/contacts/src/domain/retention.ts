/**
 * Retention (issue 19): a person who is no longer a contact is erased on their own once the desk
 * has had no use for their data for the configured period. Pure: the sweep brings the facts.
 */

/** What retention needs to know of a contact: never their name or address. */
export interface RetainedContact {
  active: boolean;
  erased: boolean;
  /** When they were last deactivated; absent for a contact never deactivated. */
  deactivatedAt?: string;
}

/** The tickets a contact reports or takes part in, as the tickets topic tells. */
export interface TicketActivity {
  openTickets: number;
  /** When the last of their tickets was closed; absent when they have no closed ticket. */
  lastClosedAt?: string;
}

export type RetentionVerdict =
  | { erase: true; since: string }
  | { erase: false; why: 'active' | 'erased' | 'open_ticket' | 'within_period' | 'never_deactivated' };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether retention erases this contact now: no longer active, not erased yet, no open ticket,
 * and their last ticket closed (or, with none, their deactivation) more than `days` ago. Exactly
 * the period ago is not more: they stay until the next sweep.
 */
export const retentionVerdict = (
  contact: RetainedContact,
  activity: TicketActivity,
  now: Date,
  days: number,
): RetentionVerdict => {
  if (contact.erased) return { erase: false, why: 'erased' };
  if (contact.active) return { erase: false, why: 'active' };
  if (activity.openTickets > 0) return { erase: false, why: 'open_ticket' };
  const since = activity.lastClosedAt ?? contact.deactivatedAt;
  // Inactive without a recorded deactivation cannot happen from the events; kept rather than guessed.
  if (since === undefined) return { erase: false, why: 'never_deactivated' };
  return now.getTime() - Date.parse(since) > days * DAY_MS
    ? { erase: true, since }
    : { erase: false, why: 'within_period' };
};

/** The reason ContactErased records for an erasure by retention. */
export const retentionReason = (days: number) =>
  `retention: no longer a contact, last ticket closed more than ${days} days ago`;
