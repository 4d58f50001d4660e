import { markdownText } from './markdown-text';
import type { PlannedRelease } from './release.state';
import type { Actor, CarriedFix, TicketKind } from './release.types';
import { refuse } from './release.rules';

/** Who reads the notes: a customer sees only their own organisation's tickets by name. */
export type NotesViewer = Pick<Actor, 'role' | 'organisationId'>;

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
 * The release notes in Markdown: title, date, and per section one line per ticket,
 * `HD-00042 — public title`. Notes of a release not yet shipped say so: its content may change.
 */
export const renderReleaseNotes = (release: PlannedRelease, viewer: NotesViewer): string => {
  if (release.status === 'cancelled') {
    refuse(
      'illegal_transition',
      'release_cancelled',
      `Release ${release.version} was cancelled: it has no notes.`,
    );
  }
  const sections = SECTIONS.map((section) => renderSection(section, release.fixes, viewer)).filter(
    (lines) => lines.length > 0,
  );
  const body = sections.length ? sections : ['No changes from support tickets in this release.'];
  return [`# Release ${markdownText(release.version)}`, dateLine(release), ...body].join('\n\n') + '\n';
};

const dateLine = (release: PlannedRelease) =>
  release.status === 'shipped'
    ? `Shipped on ${release.shippedAt!.slice(0, 10)}.`
    : `Planned for ${release.plannedDate}; what it delivers may still change.`;

const renderSection = (section: Section, fixes: CarriedFix[], viewer: NotesViewer): string => {
  const inSection = fixes.filter((fix) => section.kinds.includes(fix.kind)).sort(byNumber);
  if (!inSection.length) return '';
  const named = inSection.filter((fix) => mayName(viewer, fix));
  const others = inSection.length - named.length;
  const lines = named.map((fix) => `- ${fix.number} — ${markdownText(fix.title)}`);
  if (others) {
    const noun = others === 1 ? section.one : section.many;
    lines.push(`- ${named.length ? `and ${others} more` : others} ${noun} for other customers`);
  }
  return [`## ${section.heading}`, ...lines].join('\n');
};

const mayName = (viewer: NotesViewer, fix: CarriedFix) =>
  viewer.role === 'agent' || viewer.role === 'system' || viewer.organisationId === fix.organisationId;

const byNumber = (a: CarriedFix, b: CarriedFix) => ticketSequence(a) - ticketSequence(b);
const ticketSequence = (fix: CarriedFix) => Number(fix.number.slice('HD-'.length));
