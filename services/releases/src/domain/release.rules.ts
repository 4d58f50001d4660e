import { refuse } from '@helpdesk/decider';
import { isIsoDate } from './calendar-date';
import { isOpen, type PlannedRelease } from './release.state';
import { type Actor, KINDS, type CarriedFix } from './release.types';

export { refuse };

/** Releases are the vendor's business: its agents, and the train planner running as `system`. */
export const requireAgentOrSystem = (actor: Actor, what: string) => {
  if (actor.role !== 'agent' && actor.role !== 'system') {
    refuse('forbidden', 'agents_only', `Only support agents or the release train may ${what}.`);
  }
};

/** Shipped and cancelled are final. */
export const requireOpen = (release: PlannedRelease, what: string) => {
  if (isOpen(release)) return;
  refuse(
    'illegal_transition',
    `release_${release.status}`,
    `Release ${release.version} is ${release.status}: it cannot ${what}.`,
    { releaseStatus: release.status },
  );
};

// Calendar versions (2026.24, 2026.12.08) and semantic versions (4.2.0, 4.2.0-rc.1): one word,
// starting with a digit or letter, so it reads well in a note title and in a URL.
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$/;

export const requireVersion = (version: string) => {
  const trimmed = version.trim();
  if (!VERSION.test(trimmed)) {
    refuse(
      'invalid',
      'invalid_version',
      `"${version}" is not a release version: use letters, digits, dots, + and - (at most 40), e.g. 2026.24 or 4.2.0.`,
    );
  }
  return trimmed;
};

export const requireDate = (date: string, field: string) => {
  if (!isIsoDate(date))
    refuse('invalid', 'invalid_date', `${field} must be a date like 2026-12-08, not "${date}".`);
  return date;
};

export const requireText = (value: string, field: string, max: number) => {
  const text = value.trim();
  if (!text) refuse('invalid', 'text_required', `${field} must not be empty.`);
  if (text.length > max) refuse('invalid', 'text_too_long', `${field} must be at most ${max} characters.`);
  return text;
};

const TICKET_NUMBER = /^HD-\d{5,}$/;

export const requireFix = (fix: CarriedFix): CarriedFix => {
  if (!fix.ticketId.trim()) refuse('invalid', 'ticket_required', 'A fix names the ticket it resolves.');
  if (!TICKET_NUMBER.test(fix.number)) {
    refuse('invalid', 'invalid_ticket_number', `"${fix.number}" is not a ticket number like HD-00042.`);
  }
  if (!KINDS.includes(fix.kind)) refuse('invalid', 'invalid_kind', `"${fix.kind}" is not a ticket kind.`);
  if (!fix.organisationId.trim()) {
    refuse('invalid', 'organisation_required', 'A fix names the organisation that reported it.');
  }
  return { ...fix, title: requireText(fix.title, 'The public title', 200) };
};
