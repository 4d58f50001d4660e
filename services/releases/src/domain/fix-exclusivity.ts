import { refuse } from './release.rules';

/** Where a ticket's fix is scheduled now, as the ticket read model knows it. */
export interface TicketScheduling {
  number: string;
  /** The open release its fix is scheduled in (ticket status `fix_scheduled`), if any. */
  scheduledIn?: { releaseId: string; version: string };
}

/**
 * A ticket's fix is in at most one open release. The rule spans aggregates (the ticket and every
 * release), so no stream can hold it: the application calls this with the ticket read model
 * before it sends ScheduleFix to a release. Two agents racing past the check are not stopped
 * here: the ticket follows the release scheduled last, and whoever handles the ticket's
 * FixScheduled must then take the fix out of the other release.
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
