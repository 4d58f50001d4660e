import { fold } from '@helpdesk/decider';
import { renderReleaseNotes, type NotesViewer } from './release-notes';
import { releaseDecider } from './release.decider';
import type { ReleaseEvent } from './release.events';
import {
  agent,
  at,
  by,
  cancelled,
  darkModeWish,
  exportFix,
  planned,
  target,
  withExportFix,
} from './release.fixtures';
import type { PlannedRelease } from './release.state';
import type { CarriedFix } from './release.types';

const scheduled = (fix: CarriedFix): ReleaseEvent => ({
  type: 'ReleaseFixScheduled',
  data: { ...by(agent), ...target, fix },
});
const release = (history: ReleaseEvent[]) => fold(releaseDecider, history) as PlannedRelease;

const zorgAdmin: NotesViewer = { id: 'c-admin', role: 'customer_admin', organisationId: 'org-zorg' };
const zorgEmployee: NotesViewer = { id: 'c-bram', role: 'customer_employee', organisationId: 'org-zorg' };
const outage: CarriedFix = {
  ticketId: 't-9',
  number: 'HD-00009',
  title: 'Login down for all users',
  kind: 'outage',
  organisationId: 'org-care',
};
const question: CarriedFix = {
  ticketId: 't-50',
  number: 'HD-00050',
  title: 'Help text for exports was unclear',
  kind: 'question',
  organisationId: 'org-zorg',
};
const shippedWithAll: ReleaseEvent[] = [
  ...withExportFix,
  ...[darkModeWish, outage, question].map(scheduled),
  { type: 'ReleaseFrozen', data: by(agent) },
  {
    type: 'ReleaseShipped',
    data: { ...by(agent), version: '2026.12.08', ticketIds: ['t-42', 't-77', 't-9', 't-50'] },
  },
];

describe('release notes', () => {
  it('group the fixes by kind, numbered in order, for the vendor', () =>
    expect(renderReleaseNotes(release(shippedWithAll), agent)).toBe(
      [
        `# Release 2026.12.08 — ${at.slice(0, 10)}`,
        '',
        '## Fixes',
        '- HD-00009 — Login down for all users',
        '- HD-00042 — Export to CSV stops at 50%',
        '',
        '## New features',
        '- HD-00077 — Dark mode for the client app',
        '',
        '## Other changes',
        '- HD-00050 — Help text for exports was unclear',
        '',
      ].join('\n'),
    ));

  it("name only the viewer's own organisation's tickets and count the others", () => {
    const notes = renderReleaseNotes(release(shippedWithAll), zorgAdmin);
    expect(notes).toContain(
      '## Fixes\n- HD-00042 — Export to CSV stops at 50%\n- and 1 more fix for other customers',
    );
    expect(notes).toContain('## New features\n- 1 new feature for other customers');
    expect(notes).not.toMatch(/HD-00009|HD-00077|Dark mode|Login down/);
  });

  it('name to an employee only the tickets they reported or joined, and count their colleagues’ too', () => {
    // HD-00042 is Bram's own; HD-00050 is a colleague's, of the same organisation.
    const involvement = (fix: CarriedFix) => ({
      organisationId: fix.organisationId,
      reporterId: fix.ticketId === 't-42' ? 'c-bram' : 'c-anna',
      participantIds: [],
    });
    const notes = renderReleaseNotes(release(shippedWithAll), zorgEmployee, involvement);
    expect(notes).toContain(
      '## Fixes\n- HD-00042 — Export to CSV stops at 50%\n- and 1 more fix for other customers',
    );
    expect(notes).toContain('## Other changes\n- 1 change for other customers');
    expect(notes).not.toMatch(/HD-00050|Help text/);
    // Without knowing who is involved, an employee sees nothing by name.
    expect(renderReleaseNotes(release(shippedWithAll), zorgEmployee)).not.toMatch(/HD-000/);
  });

  it('count in plural', () =>
    expect(
      renderReleaseNotes(
        release([
          ...planned,
          scheduled(outage),
          scheduled({ ...outage, ticketId: 't-10', number: 'HD-00010' }),
        ]),
        zorgAdmin,
      ),
    ).toContain('- 2 fixes for other customers'));

  it('say a planned release may still change', () =>
    expect(renderReleaseNotes(release([...planned, scheduled(exportFix)]), agent)).toContain(
      '# Release 2026.12.08 — planned for 2026-12-08\n\n_What it delivers may still change._\n',
    ));

  it('say so when no ticket is delivered', () =>
    expect(renderReleaseNotes(release(planned), zorgAdmin)).toContain(
      'No changes from support tickets in this release.',
    ));

  it('escape Markdown in titles and keep each on one line', () =>
    expect(
      renderReleaseNotes(
        release([...planned, scheduled({ ...exportFix, title: 'Use *bold* [link](x) <b>\n# Heading' })]),
        agent,
      ),
    ).toContain('- HD-00042 — Use \\*bold\\* \\[link\\](x) \\<b\\> \\# Heading\n'));

  it('are not written for a cancelled release', () =>
    expect(() => renderReleaseNotes(release(cancelled), agent)).toThrow(
      expect.objectContaining({ code: 'release_cancelled' }),
    ));
});
