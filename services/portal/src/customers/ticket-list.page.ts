import {
  KINDS,
  PRIORITIES,
  STATUSES,
  type Priority,
  type TicketKind,
  type TicketStatus,
} from '@helpdesk/contracts';
import { html } from '../html/html';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { choice, filterSelect, statusAndPriorityFilters } from './ticket-filters';
import { kindLabel } from './ticket-labels';
import { ticketTable } from './ticket-table';

export interface TicketSummary {
  id: string;
  number: string;
  subject: string;
  kind: TicketKind;
  status: TicketStatus;
  priority?: Priority;
  updatedAt: string;
}

interface TicketPage {
  items: TicketSummary[];
  nextCursor?: string | null;
}

const FILTERS = ['q', 'status', 'priority', 'kind', 'cursor'] as const;

/**
 * A customer's tickets (an administrator's: the organisation's; an agent's: every one), newest
 * change first, filtered by status, priority, kind and text. The desk decides which tickets the
 * token may see; the filters are a form of GET parameters, so a filtered list can be bookmarked.
 */
const ticketList = async (context: RequestContext) => {
  const { t } = context.i18n;
  const query = context.url.searchParams;
  const filters = {
    q: (query.get('q') ?? '').slice(0, 200),
    status: choice(STATUSES, query.get('status')),
    priority: choice(PRIORITIES, query.get('priority')),
    kind: choice(KINDS, query.get('kind')),
    cursor: query.get('cursor') ?? undefined,
  };
  const page = (
    await context.desk().get<TicketPage>('/tickets', {
      query: { ...filters, sort: '-updatedAt', limit: 25 },
      readAfter: query.get('after') ?? undefined,
    })
  ).body;
  const user = context.session!.user;
  const title = user.role === 'customer_employee' ? t('tickets.title') : t('tickets.titleAll');
  const next = new URLSearchParams();
  for (const name of FILTERS) if (name !== 'cursor' && filters[name]) next.set(name, String(filters[name]));
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  context.render({
    title,
    body: html`<form method="get" action="/portal/tickets" class="filters" role="search">
        <div>
          <label for="q">${t('tickets.search')}</label
          ><input id="q" name="q" type="search" value="${filters.q}" />
        </div>
        ${statusAndPriorityFilters(t, filters)}
        ${filterSelect(
          'kind',
          t('tickets.kind'),
          t('tickets.anyKind'),
          KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })),
          filters.kind,
        )}
        <div><button type="submit">${t('common.filter')}</button></div>
      </form>
      ${
        page.items.length === 0
          ? html`<p>${t('tickets.empty')}</p>`
          : ticketTable(context.i18n, {
              caption: t('tickets.caption'),
              pageOf: (ticket) => `/portal/tickets/${ticket.id}`,
              tickets: page.items,
            })
      }
      ${page.nextCursor ? html`<p><a href="/portal/tickets?${next.toString()}">${t('tickets.next')}</a></p>` : ''}`,
  });
};

export const ticketListRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/tickets', handler: ticketList },
];
