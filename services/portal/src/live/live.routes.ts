import { fetchQueue, queueFilters } from '../agents/queue.page';
import { agentOnly } from '../agents/agent-only';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { streamChanges } from './live-stream';

interface VisibleTicket {
  id: string;
  revision: number;
  updatedAt: string;
  sla?: unknown;
  comments?: Array<{ id: string; body: string; visibility: string; at: string }>;
}

/** An open ticket page (a customer's or an agent's): changes of what this viewer sees of it. */
const ticketStream = (context: RequestContext) => {
  const path = `/tickets/${encodeURIComponent(context.params.id)}`;
  return streamChanges(context.request, context.response, {
    read: async () => (await context.desk().get<VisibleTicket>(path)).body,
    // The revision and update time move on an internal comment too; a customer must not learn of one.
    fingerprint: ({ revision: _revision, updatedAt: _updatedAt, sla: _sla, ...visible }) => visible,
    event: (ticket) => ({ id: ticket.id, comments: ticket.comments ?? [] }),
  });
};

/** The agent's queue with its filters: any ticket of the page added, gone or changed. */
const queueStream = (context: RequestContext) => {
  const filters = { ...queueFilters(context.url.searchParams), cursor: undefined };
  return streamChanges(context.request, context.response, {
    read: () => fetchQueue(context, filters),
    fingerprint: (page) => page.items,
    event: (page) => ({ tickets: page.items.map((ticket) => ticket.number) }),
  });
};

export const liveRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/live/tickets/:id', handler: ticketStream },
  { method: 'GET', pattern: '/portal/live/queue', handler: agentOnly(queueStream) },
];
