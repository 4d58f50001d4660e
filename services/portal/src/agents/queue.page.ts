import { PRIORITIES, STATUSES, type Priority, type TicketStatus } from '@helpdesk/contracts';
import { choice, option, statusAndPriorityFilters } from '../customers/ticket-filters';
import { ticketTable } from '../customers/ticket-table';
import { html } from '../html/html';
import type { RequestContext } from '../http/request-context';
import { liveRegion } from '../live/live-region';
import type { PortalRoute } from '../portal-app';
import { agentOnly } from './agent-only';

export interface QueueTicket {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority?: Priority;
  organisationId: string;
  assigneeId?: string;
  updatedAt: string;
  /** Only when sorted by it: the next deadline of its running SLA clocks (null: none runs). */
  slaDueAt?: string | null;
}

/** The sorts the tickets API offers that an agent's queue needs; the next deadline by default. */
const SORTS = ['slaDue', '-updatedAt', 'priority', 'createdAt'] as const;

const text = (value: string | null) => (value ?? '').trim().slice(0, 100) || undefined;

/** The queue's filters, read from the GET parameters (a filtered queue can be bookmarked). */
export const queueFilters = (query: URLSearchParams) => ({
  q: text(query.get('q')),
  status: choice(STATUSES, query.get('status')),
  priority: choice(PRIORITIES, query.get('priority')),
  organisationId: text(query.get('organisationId')),
  assigneeId: text(query.get('assigneeId')),
  sort: choice(SORTS, query.get('sort')) ?? 'slaDue',
  cursor: query.get('cursor') ?? undefined,
});

export type QueueFilters = ReturnType<typeof queueFilters>;

export const fetchQueue = async (context: RequestContext, filters: QueueFilters) =>
  (
    await context.desk().get<{ items: QueueTicket[]; nextCursor?: string | null }>('/tickets', {
      query: { ...filters, limit: 25 },
    })
  ).body;

/**
 * The agents' queue: every ticket the desk holds, filtered by status, priority, organisation and
 * assignee, searched by number or text, a page at a time. The table is a live region: it is
 * fetched again when a ticket in it changes (see live/).
 */
const queue = async (context: RequestContext) => {
  const { t, dateTime } = context.i18n;
  const filters = queueFilters(context.url.searchParams);
  const page = await fetchQueue(context, filters);
  const next = new URLSearchParams();
  for (const [name, value] of Object.entries(filters))
    if (name !== 'cursor' && value) next.set(name, String(value));
  const live = `/portal/live/queue?${next.toString()}`;
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  const input = (name: 'q' | 'organisationId' | 'assigneeId', label: string) =>
    html`<div>
      <label for="${name}">${label}</label
      ><input
        id="${name}"
        name="${name}"
        type="${name === 'q' ? 'search' : 'text'}"
        value="${filters[name] ?? ''}"
      />
    </div>`;
  context.render({
    title: t('agent.queue.title'),
    body: html`<form method="get" action="/portal/agent/queue" class="filters" role="search">
        ${input('q', t('agent.queue.search'))} ${statusAndPriorityFilters(t, filters)}
        ${input('organisationId', t('agent.queue.organisation'))}
        ${input('assigneeId', t('agent.queue.assignee'))}
        <div>
          <label for="sort">${t('agent.queue.sort')}</label
          ><select id="sort" name="sort">
            ${SORTS.map((s) => option(s, t(`agent.queue.sort.${s}`), filters.sort))}
          </select>
        </div>
        <div><button type="submit">${t('common.filter')}</button></div>
      </form>
      ${liveRegion(
        'queue',
        live,
        page.items.length === 0
          ? html`<p>${t('tickets.empty')}</p>`
          : ticketTable(context.i18n, {
              caption: t('agent.queue.caption'),
              pageOf: (ticket) => `/portal/agent/tickets/${ticket.id}`,
              tickets: page.items,
              extra: [
                {
                  heading: t('agent.queue.assignee'),
                  cell: (ticket) => ticket.assigneeId ?? t('agent.unassigned'),
                },
                ...(filters.sort === 'slaDue' ? [slaDueColumn(t, dateTime)] : []),
              ],
            }),
      )}
      ${page.nextCursor ? html`<p><a href="/portal/agent/queue?${next.toString()}">${t('tickets.next')}</a></p>` : ''}`,
  });
};

/** The deadline the queue is sorted by, so the order explains itself. */
const slaDueColumn = (t: RequestContext['i18n']['t'], dateTime: RequestContext['i18n']['dateTime']) => ({
  heading: t('agent.queue.slaDue'),
  cell: (ticket: QueueTicket) =>
    ticket.slaDueAt
      ? html`<time datetime="${ticket.slaDueAt}">${dateTime(ticket.slaDueAt)}</time>`
      : t('agent.queue.noClock'),
});

export const queueRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/agent/queue', handler: agentOnly(queue) },
];
