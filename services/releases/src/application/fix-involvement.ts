import type { Principal } from '@helpdesk/platform';
import type { FixInvolvement, PlannedRelease } from '../domain';
import type { ReleaseTicketDirectory } from '../consumers/release-ticket-directory';

/**
 * Who is involved in each of a release's tickets, from the releases' own copy of the tickets.
 * Only the reader's own organisation's tickets are looked up: another organisation's ticket is
 * never named to a customer, whoever is involved, and agents and systems see every ticket.
 */
export const fixInvolvement = async (
  directory: ReleaseTicketDirectory,
  release: Pick<PlannedRelease, 'fixes'>,
  reader: Principal,
): Promise<FixInvolvement> => {
  const own = release.fixes.filter(
    (fix) => reader.role === 'customer_employee' && fix.organisationId === reader.organisationId,
  );
  const entries = new Map(
    await Promise.all(own.map(async (fix) => [fix.ticketId, await directory.ticket(fix.ticketId)] as const)),
  );
  return (fix) => {
    const entry = entries.get(fix.ticketId);
    return {
      organisationId: fix.organisationId,
      ...(entry?.reporterId ? { reporterId: entry.reporterId } : {}),
      ...(entry?.participantIds ? { participantIds: entry.participantIds } : {}),
    };
  };
};
