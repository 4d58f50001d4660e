import type { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import type { PortalUser } from '../session/session-store';
import { html, type Html } from './html';

export interface Notice {
  kind: 'error' | 'success' | 'info';
  text: string;
}

export interface PageView {
  title: string;
  body: Html;
  /** The current path, to mark the navigation and to switch language on the same page. */
  path: string;
  user?: PortalUser;
  csrfToken?: string;
  notices?: Notice[];
}

interface NavigationItem {
  href: string;
  label: MessageKey;
}

/** Who sees which pages: customers their tickets and (administrators) their organisation; agents add theirs. */
export const navigationFor = (user: PortalUser): NavigationItem[] => {
  const items: NavigationItem[] = [
    {
      href: '/portal/tickets',
      label: user.role === 'customer_employee' ? 'nav.tickets' : 'nav.organisationTickets',
    },
  ];
  // The agents' pages (agents/).
  if (user.role === 'agent') items.unshift(...AGENT_NAVIGATION);
  if (user.role !== 'agent') items.push({ href: '/portal/tickets/new', label: 'nav.newTicket' });
  if (user.role === 'customer_admin') {
    items.push(
      { href: '/portal/contacts', label: 'nav.contacts' },
      { href: '/portal/organisation', label: 'nav.organisation' },
      { href: '/portal/releases', label: 'nav.releases' },
    );
  }
  return items;
};

const AGENT_NAVIGATION: NavigationItem[] = [
  { href: '/portal/agent/queue', label: 'nav.queue' },
  { href: '/portal/agent/sla', label: 'nav.slaBoard' },
  { href: '/portal/agent/releases', label: 'nav.releaseTrains' },
];

const noticeRole = (notice: Notice) => (notice.kind === 'error' ? 'alert' : 'status');

/**
 * Every page's frame: a skip link, a header with the navigation, the language switch and
 * sign-out, one main landmark, a footer. Notices are live regions so screen readers announce them.
 */
export const layout = (view: PageView, { t, language }: I18n) => {
  const switchTo = language === 'nl' ? 'en' : 'nl';
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${view.title} · ${t('app.name')}</title>
        <link rel="stylesheet" href="/portal/assets/portal.css" />
        <script src="/portal/assets/htmx.min.js" defer></script>
        <script src="/portal/assets/live.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">${t('layout.skip')}</a>
        <header class="site-header">
          <a class="brand" href="/portal/tickets">${t('app.name')}</a>
          ${
            view.user
              ? html`<nav aria-label="${t('layout.navigation')}">
                  <ul>
                    ${navigationFor(view.user).map(
                      (item) =>
                        html`<li>
                          <a href="${item.href}" ${view.path === item.href ? html` aria-current="page"` : ''}
                            >${t(item.label)}</a
                          >
                        </li>`,
                    )}
                  </ul>
                </nav>`
              : ''
          }
          <div class="header-tools">
            <form method="post" action="/portal/language" class="inline">
              ${view.csrfToken ? html`<input type="hidden" name="_csrf" value="${view.csrfToken}" />` : ''}
              <input type="hidden" name="language" value="${switchTo}" />
              <input type="hidden" name="back" value="${view.path}" />
              <button
                type="submit"
                lang="${switchTo}"
                aria-label="${t('layout.language')}: ${switchTo === 'nl' ? 'Nederlands' : 'English'}"
              >
                ${switchTo === 'nl' ? 'Nederlands' : 'English'}
              </button>
            </form>
            ${
              view.user
                ? html`<span class="who">${t('layout.signedInAs', { name: view.user.name })}</span>
                    <form method="post" action="/portal/sign-out" class="inline">
                      <input type="hidden" name="_csrf" value="${view.csrfToken ?? ''}" />
                      <button type="submit">${t('layout.signOut')}</button>
                    </form>`
                : ''
            }
          </div>
        </header>
        <main id="main" tabindex="-1">
          <h1>${view.title}</h1>
          ${(view.notices ?? []).map(
            (notice) =>
              html`<p class="notice notice-${notice.kind}" role="${noticeRole(notice)}">${notice.text}</p>`,
          )}
          ${view.body}
        </main>
        <footer class="site-footer"><p>${t('app.name')}</p></footer>
      </body>
    </html>`;
};
