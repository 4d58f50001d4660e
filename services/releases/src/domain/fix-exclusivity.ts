import { refuse } from './release.rules';

/** Where a ticket's fix is scheduled now, as the ticket read model knows it. */
export interface TicketScheduling {
  number: string;
  /** The open release its fix is scheduled in (ticket status `fix_scheduled`), if any. */
  scheduledIn?: { releaseId: string; version: string };
}

/**
 * A ticket's fix is in at most one open release. What the ticket itself says (its copy in the
 * releases service) is checked first, for a clear answer; the ticket's fix reservation
 * (fix-reservation.ts) is what holds the rule when two agents race past this check.
 */
export const requireFixNotInAnotherRelease = (releaseId: string, ticket: TicketScheduling) => {
  const other = ticket.scheduledIn;
  if (!other || other.releaseId === releaseId) return;
  refuse(
    'conflict',
    'fix_in_other_release',
    `The fix for ${ticket.number} is already scheduled in release ${other.version}: take it out of that release first.`,
    { releaseId: other.releaseId, version: other.version },
  );
};
