import { html } from '../html/html';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { onlyAdministrators } from './only-administrators';

interface ReleaseSummary {
  id: string;
  version: string;
  shippedAt?: string;
}

/**
 * The release notes of shipped releases, for administrators to inform their users. The desk
 * names only the fixes this reader may see; the notes are Markdown, shown as the text they are.
 */
const releaseNotes = async (context: RequestContext) => {
  const { t, date } = context.i18n;
  const desk = context.desk();
  const shipped = (
    await desk.get<{ items: ReleaseSummary[] }>('/releases', { query: { state: 'shipped', limit: 10 } })
  ).body.items;
  const notes = await Promise.all(
    shipped.map(async (release) => ({
      release,
      text: String((await desk.get<string>(`/releases/${release.id}/notes`)).body),
    })),
  );
  context.render({
    title: t('releases.title'),
    body:
      notes.length === 0
        ? html`<p>${t('releases.none')}</p>`
        : html`${notes.reverse().map(
            ({ release, text }) =>
              html`<section aria-labelledby="release-${release.id}">
                <h2 id="release-${release.id}">${release.version}</h2>
                ${release.shippedAt ? html`<p class="meta">${t('releases.shipped', { date: date(release.shippedAt) })}</p>` : ''}
                <div class="prewrap">${text}</div>
              </section>`,
          )}`,
  });
};

export const releaseNotesRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/releases', handler: onlyAdministrators(releaseNotes) },
];
