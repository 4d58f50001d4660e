import { maySeeTicket, type TicketInvolvement, type TicketViewer } from '@helpdesk/contracts';
import type { PlannedRelease } from './release.state';
import type { CarriedFix } from './release.types';

/** Who is involved in a fix's ticket; by default only its organisation is known (nobody is). */
export type FixInvolvement = (fix: CarriedFix) => TicketInvolvement;

export const organisationOnly: FixInvolvement = (fix) => ({ organisationId: fix.organisationId });

/**
 * Which of a release's fixes a reader sees by number and title: those of tickets they may see
 * (the contract's maySeeTicket, as the tickets service decides), the rest only counted. Release
 * detail and release notes both show exactly this.
 */
export const fixesSeenBy = (
  release: Pick<PlannedRelease, 'fixes'>,
  viewer: TicketViewer,
  involvement: FixInvolvement = organisationOnly,
): { named: CarriedFix[]; others: number } => {
  const named = release.fixes.filter((fix) => maySeeTicket(viewer, involvement(fix)));
  return { named, others: release.fixes.length - named.length };
};
