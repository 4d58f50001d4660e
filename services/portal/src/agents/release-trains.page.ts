import { html } from '../html/html';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { agentOnly } from './agent-only';

interface ReleaseEntry {
  id: string;
  version: string;
  plannedDate: string;
  postponed: boolean;
  shippedAt?: string;
}

interface Release extends ReleaseEntry {
  fixes: Array<{ ticketId: string; number: string; title: string }>;
}

/** Planned, shipping (frozen: no more fixes go in) and shipped trains, a few of each. */
const TRAINS = ['planned', 'frozen', 'shipped'] as const;
const PER_TRAIN = 5;

/** The release trains with the tickets each one carries; each fix links to its ticket's workspace. */
const releaseTrains = async (context: RequestContext) => {
  const { t, date } = context.i18n;
  const desk = context.desk();
  const trains = await Promise.all(
    TRAINS.map(async (state) => {
      const entries = (
        await desk.get<{ items: ReleaseEntry[] }>('/releases', { query: { state, limit: PER_TRAIN } })
      ).body.items;
      const releases = await Promise.all(
        entries.map(
          async (entry) => (await desk.get<Release>(`/releases/${encodeURIComponent(entry.id)}`)).body,
        ),
      );
      return { state, releases };
    }),
  );
  context.render({
    title: t('agent.releases.title'),
    body: html`${trains.map(
      ({ state, releases }) =>
        html`<section aria-labelledby="train-${state}">
          <h2 id="train-${state}">${t(`agent.releases.${state}`)}</h2>
          ${
            releases.length === 0
              ? html`<p>${t('agent.releases.none')}</p>`
              : releases.map(
                  (release) =>
                    html`<h3>
                        ${release.version} ·
                        <time datetime="${release.plannedDate}">${date(release.plannedDate)}</time>
                        ${release.postponed ? html` · ${t('agent.releases.postponed')}` : ''}
                      </h3>
                      ${
                        release.fixes.length === 0
                          ? html`<p>${t('agent.releases.noFixes')}</p>`
                          : html`<ul>
                              ${release.fixes.map(
                                (fix) =>
                                  html`<li>
                                    <a href="/portal/agent/tickets/${fix.ticketId}">${fix.number}</a>
                                    ${fix.title}
                                  </li>`,
                              )}
                            </ul>`
                      }`,
                )
          }
        </section>`,
    )}`,
  });
};

export const releaseTrainRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/agent/releases', handler: agentOnly(releaseTrains) },
];
