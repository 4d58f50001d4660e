import { PRIORITIES, type Priority } from '@helpdesk/contracts';
import { priorityLabel } from '../customers/ticket-labels';
import { html } from '../html/html';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { agentOnly } from './agent-only';

interface BoardClock {
  ticketId: string;
  metric: string;
  organisationId: string;
  priority: Priority;
  dueAt: string | null;
  breached: boolean;
  assigneeId: string | null;
}

/**
 * The SLA board: running clocks that were warned or have breached, soonest due first (the SLA
 * monitor's order), filtered by priority, organisation and assignee. Breached ones say so in
 * words, not by colour alone.
 */
const slaBoard = async (context: RequestContext) => {
  const { t, dateTime } = context.i18n;
  const query = context.url.searchParams;
  const priority = PRIORITIES.find((p) => p === query.get('priority'));
  const organisationId = (query.get('organisationId') ?? '').trim().slice(0, 100) || undefined;
  const assigneeId = (query.get('assigneeId') ?? '').trim().slice(0, 100) || undefined;
  const cursor = query.get('cursor') ?? undefined;
  const page = (
    await context.desk().get<{ items: BoardClock[]; nextCursor?: string | null }>('/sla/board', {
      query: { priority, organisationId, assigneeId, cursor, limit: 25 },
    })
  ).body;
  const next = new URLSearchParams(
    Object.entries({ priority, organisationId, assigneeId }).filter((e): e is [string, string] => !!e[1]),
  );
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  context.render({
    title: t('agent.sla.title'),
    body: html`<form method="get" action="/portal/agent/sla" class="filters" role="search">
        <div>
          <label for="priority">${t('tickets.priority')}</label
          ><select id="priority" name="priority">
            <option value="">${t('tickets.anyPriority')}</option>
            ${PRIORITIES.map((p) => html`<option value="${p}" ${priority === p ? html` selected` : ''}>${p}</option>`)}
          </select>
        </div>
        <div>
          <label for="organisationId">${t('agent.queue.organisation')}</label
          ><input id="organisationId" name="organisationId" value="${organisationId ?? ''}" />
        </div>
        <div>
          <label for="assigneeId">${t('agent.queue.assignee')}</label
          ><input id="assigneeId" name="assigneeId" value="${assigneeId ?? ''}" />
        </div>
        <div><button type="submit">${t('common.filter')}</button></div>
      </form>
      ${
        page.items.length === 0
          ? html`<p>${t('agent.sla.empty')}</p>`
          : html`<table>
              <caption class="meta">
                ${t('agent.sla.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('agent.sla.ticket')}</th>
                  <th scope="col">${t('agent.sla.metric')}</th>
                  <th scope="col">${t('tickets.priority')}</th>
                  <th scope="col">${t('agent.sla.state')}</th>
                  <th scope="col">${t('agent.sla.due')}</th>
                  <th scope="col">${t('agent.queue.assignee')}</th>
                </tr>
              </thead>
              <tbody>
                ${page.items.map(
                  (clock) =>
                    html`<tr>
                      <td><a href="/portal/agent/tickets/${clock.ticketId}">${t('agent.sla.open')}</a></td>
                      <td>${clock.metric}</td>
                      <td>${priorityLabel(t, clock.priority)}</td>
                      <td class="${clock.breached ? 'breached' : ''}">
                        ${clock.breached ? t('agent.sla.breached') : t('agent.sla.atRisk')}
                      </td>
                      <td>
                        ${clock.dueAt ? html`<time datetime="${clock.dueAt}">${dateTime(clock.dueAt)}</time>` : ''}
                      </td>
                      <td>${clock.assigneeId ?? t('agent.unassigned')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${page.nextCursor ? html`<p><a href="/portal/agent/sla?${next.toString()}">${t('tickets.next')}</a></p>` : ''}`,
  });
};

export const slaBoardRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/agent/sla', handler: agentOnly(slaBoard) },
];
