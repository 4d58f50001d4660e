import type { TicketViewer } from '@helpdesk/contracts';
import { type FixInvolvement, fixesSeenBy, organisationOnly } from './fix-visibility';
import { markdownText } from './markdown-text';
import type { PlannedRelease } from './release.state';
import type { CarriedFix, TicketKind } from './release.types';
import { refuse } from './release.rules';

/** Who reads the notes: they see by name only the tickets they may see (fixesSeenBy). */
export type NotesViewer = TicketViewer;

interface Section {
  heading: string;
  kinds: TicketKind[];
  /** How the line about other customers' tickets counts them. */
  one: string;
  many: string;
}

// Outages and errors are what customers wait for: they come first.
const SECTIONS: Section[] = [
  { heading: 'Fixes', kinds: ['outage', 'error'], one: 'fix', many: 'fixes' },
  { heading: 'New features', kinds: ['wish'], one: 'new feature', many: 'new features' },
  { heading: 'Other changes', kinds: ['question'], one: 'change', many: 'changes' },
];

/**
 * The release notes in Markdown: a title with version and date, then per section one line per
 * ticket, `HD-00042 — public title`. Notes of a release not yet shipped say its content may change.
 */
export const renderReleaseNotes = (
  release: PlannedRelease,
  viewer: NotesViewer,
  involvement: FixInvolvement = organisationOnly,
): string => {
  if (release.status === 'cancelled') {
    refuse(
      'illegal_transition',
      'release_cancelled',
      `Release ${release.version} was cancelled: it has no notes.`,
    );
  }
  const named = new Set(fixesSeenBy(release, viewer, involvement).named);
  const sections = SECTIONS.map((section) => renderSection(section, release.fixes, named)).filter(
    (lines) => lines.length > 0,
  );
  const body = sections.length ? sections : ['No changes from support tickets in this release.'];
  return [...heading(release), ...body].join('\n\n') + '\n';
};

// The day it shipped is the UTC day of ShipRelease's `at`; until then, the planned date.
const heading = (release: PlannedRelease) => {
  const version = markdownText(release.version);
  return release.status === 'shipped'
    ? [`# Release ${version} — ${release.shippedAt!.slice(0, 10)}`]
    : [`# Release ${version} — planned for ${release.plannedDate}`, '_What it delivers may still change._'];
};

const renderSection = (section: Section, fixes: CarriedFix[], mayName: ReadonlySet<CarriedFix>): string => {
  const inSection = fixes.filter((fix) => section.kinds.includes(fix.kind)).sort(byNumber);
  if (!inSection.length) return '';
  const named = inSection.filter((fix) => mayName.has(fix));
  const others = inSection.length - named.length;
  const lines = named.map((fix) => `- ${fix.number} — ${markdownText(fix.title)}`);
  if (others) {
    const noun = others === 1 ? section.one : section.many;
    lines.push(`- ${named.length ? `and ${others} more` : others} ${noun} for other customers`);
  }
  return [`## ${section.heading}`, ...lines].join('\n');
};

const byNumber = (a: CarriedFix, b: CarriedFix) => ticketSequence(a) - ticketSequence(b);
const ticketSequence = (fix: CarriedFix) => Number(fix.number.slice('HD-'.length));
