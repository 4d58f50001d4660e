import { PRIORITIES } from '@helpdesk/contracts';
import { kindLabel, priorityLabel, statusLabel } from '../customers/ticket-labels';
import type { TicketView } from '../customers/ticket-view';
import { DeskProblem } from '../desk-api/desk-client';
import { problemMessage } from '../desk-api/problem-messages';
import { html } from '../html/html';
import type { Notice } from '../html/layout';
import type { RequestContext } from '../http/request-context';
import { liveRegion } from '../live/live-region';
import type { PortalRoute } from '../portal-app';
import { agentOnly } from './agent-only';
import {
  allowedAction,
  allowedActions,
  takesComments,
  takesScheduledFix,
  type ActionField,
} from './domain/agent-actions';

/** The ticket as the agent's workspace reads it: the view a customer gets, with every comment. */
type AgentTicket = TicketView;

interface HistoryEntry {
  revision: number;
  type: string;
  at: string;
  by: string;
}

interface Release {
  id: string;
  version: string;
  plannedDate: string;
}

/** What the agent typed, shown again when the desk refused it (nothing typed is lost). */
type Typed = Record<string, string>;

const FIELD_INPUT: Record<ActionField, 'textarea' | 'priority' | 'text'> = {
  priority: 'priority',
  reason: 'textarea',
  question: 'textarea',
  thirdParty: 'text',
  workaround: 'textarea',
  resolution: 'textarea',
};

const ticketPath = (id: string) => `/portal/agent/tickets/${encodeURIComponent(id)}`;

/**
 * The ticket as it stood after a change: just before the next one. (A change's own time is when
 * it was decided; the store records it a moment later, so asOf at that time would miss it.)
 */
const asOfLink = (id: string, next: HistoryEntry | undefined) =>
  next
    ? `${ticketPath(id)}?asOf=${encodeURIComponent(new Date(Date.parse(next.at) - 1).toISOString())}`
    : ticketPath(id);

/**
 * The agent's workspace for one ticket: what it is, its SLA clocks, the conversation with
 * internal notes told apart from what the customer reads, and a form for each thing the
 * lifecycle allows now (and nothing else). `?asOf=` shows the ticket as it was then, read only.
 */
const renderWorkspace = async (context: RequestContext, notice?: Notice, typed: Typed = {}, status = 200) => {
  const { t, dateTime, date } = context.i18n;
  const id = context.params.id;
  const asOf = context.url.searchParams.get('asOf') ?? undefined;
  const desk = context.desk();
  const [ticket, history, releases] = await Promise.all([
    desk.get<AgentTicket>(`/tickets/${encodeURIComponent(id)}`, { query: { asOf } }).then((a) => a.body),
    desk.get<HistoryEntry[]>(`/tickets/${encodeURIComponent(id)}/history`).then((a) => a.body),
    desk
      .get<{ items: Release[] }>('/releases', { query: { state: 'planned', limit: 10 } })
      .then((a) => a.body.items)
      .catch(() => [] as Release[]),
  ]);
  const csrf = html`<input type="hidden" name="_csrf" value="${context.session!.csrfToken}" />
    <input type="hidden" name="revision" value="${ticket.revision}" />`;
  const field = (name: ActionField, prefix: string) => {
    const inputId = `${prefix}-${name}`;
    const label = html`<label for="${inputId}">${t(`agent.field.${name}`)}</label>`;
    if (FIELD_INPUT[name] === 'priority')
      return html`<div>
        ${label}<select id="${inputId}" name="${name}" required>
          ${PRIORITIES.map(
            (p) =>
              html`<option value="${p}" ${(typed[name] ?? ticket.priority) === p ? html` selected` : ''}>
                ${t(`agent.priorityMeaning.${p}`)}
              </option>`,
          )}
        </select>
      </div>`;
    if (FIELD_INPUT[name] === 'text')
      return html`<div>
        ${label}<input id="${inputId}" name="${name}" required value="${typed[name] ?? ''}" />
      </div>`;
    return html`<div>
      ${label}<textarea id="${inputId}" name="${name}" required rows="3">${typed[name] ?? ''}</textarea>
    </div>`;
  };
  const actions = asOf ? [] : allowedActions(ticket);
  const clocks = Object.entries(ticket.sla ?? {});
  context.render(
    {
      title: `${ticket.number} · ${ticket.subject}`,
      notices: notice ? [notice] : [],
      body: html`<p><a href="/portal/agent/queue">${t('agent.backToQueue')}</a></p>
        ${asOf ? html`<p class="notice notice-info" role="status">${t('agent.asOfShown', { when: dateTime(asOf) })}</p>` : ''}
        ${liveRegion(
          'ticket',
          `/portal/live/tickets/${encodeURIComponent(ticket.id)}`,
          html`<dl class="facts">
              <dt>${t('tickets.status')}</dt>
              <dd data-testid="status">${statusLabel(t, ticket.status)}</dd>
              <dt>${t('tickets.priority')}</dt>
              <dd data-testid="priority">${priorityLabel(t, ticket.priority)}</dd>
              <dt>${t('tickets.kind')}</dt>
              <dd>${kindLabel(t, ticket.kind)}</dd>
              <dt>${t('agent.queue.organisation')}</dt>
              <dd>${ticket.organisationId}</dd>
              <dt>${t('agent.queue.assignee')}</dt>
              <dd data-testid="assignee">${ticket.assigneeId ?? t('agent.unassigned')}</dd>
              ${
                ticket.fix
                  ? html`<dt>${t('agent.fix')}</dt>
                      <dd>${ticket.fix.version} (${date(ticket.fix.plannedDate)})</dd>`
                  : ''
              }
              ${clocks.map(
                ([metric, clock]) =>
                  html`<dt>${t('agent.sla')} ${metric}</dt>
                    <dd class="${clock.breached ? 'breached' : ''}">
                      ${clock.breached ? t('agent.slaBreached') : ''}
                      ${clock.dueAt ? html`<time datetime="${clock.dueAt}">${dateTime(clock.dueAt)}</time>` : t('agent.slaPaused')}
                    </dd>`,
              )}
            </dl>
            <h2>${t('agent.description')}</h2>
            <p class="pre">${ticket.description}</p>
            <h2>${t('agent.conversation')}</h2>
            ${
              ticket.comments.length === 0
                ? html`<p>${t('agent.noComments')}</p>`
                : html`<ol class="conversation">
                    ${ticket.comments.map(
                      (comment) =>
                        html`<li class="comment comment-${comment.visibility}">
                          <p class="meta">
                            <strong>${t(`agent.visibility.${comment.visibility}`)}</strong> ·
                            ${comment.authorId} ·
                            <time datetime="${comment.at}">${dateTime(comment.at)}</time>
                          </p>
                          <p class="pre">${comment.body}</p>
                        </li>`,
                    )}
                  </ol>`
            }`,
        )}
        ${
          asOf
            ? ''
            : html`<section aria-labelledby="work-heading">
                <h2 id="work-heading">${t('agent.work')}</h2>
                ${
                  takesComments(ticket)
                    ? html`<form method="post" action="${ticketPath(ticket.id)}/comment" class="stack">
                          ${csrf}
                          <fieldset>
                            <legend>${t('agent.visibility')}</legend>
                            <label
                              ><input
                                type="radio"
                                name="visibility"
                                value="public"
                                ${typed.visibility !== 'internal' ? html` checked` : ''}
                              />
                              ${t('agent.visibility.public')}</label
                            >
                            <label
                              ><input
                                type="radio"
                                name="visibility"
                                value="internal"
                                ${typed.visibility === 'internal' ? html` checked` : ''}
                              />
                              ${t('agent.visibility.internal')}</label
                            >
                          </fieldset>
                          <div>
                            <label for="comment-body">${t('agent.comment')}</label
                            ><textarea id="comment-body" name="body" rows="4" required>
${typed.body ?? ''}</textarea>
                          </div>
                          <div><button type="submit">${t('agent.addComment')}</button></div>
                        </form>
                        <form method="post" action="${ticketPath(ticket.id)}/assign" class="stack">
                          ${csrf}
                          <div>
                            <label for="assignee">${t('agent.assignTo')}</label
                            ><input
                              id="assignee"
                              name="assigneeId"
                              required
                              value="${typed.assigneeId ?? ticket.assigneeId ?? context.session!.user.id}"
                            />
                          </div>
                          <div><button type="submit">${t('agent.assign')}</button></div>
                        </form>`
                    : ''
                }
                ${actions.map(
                  (action) =>
                    html`<form
                      method="post"
                      action="${ticketPath(ticket.id)}/actions/${action.name}"
                      class="stack"
                    >
                      ${csrf} ${action.fields.map((name) => field(name, action.name))}
                      <div><button type="submit">${t(`agent.action.${action.name}`)}</button></div>
                    </form>`,
                )}
                ${
                  takesScheduledFix(ticket) && releases.length
                    ? html`<form method="post" action="${ticketPath(ticket.id)}/fix" class="stack">
                        ${csrf}
                        <div>
                          <label for="release">${t('agent.release')}</label
                          ><select id="release" name="releaseId">
                            ${releases.map((r) => html`<option value="${r.id}">${r.version} (${date(r.plannedDate)})</option>`)}
                          </select>
                        </div>
                        <div><button type="submit">${t('agent.scheduleFix')}</button></div>
                      </form>`
                    : ''
                }
              </section>`
        }
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">${t('agent.history')}</h2>
          <ol class="history">
            ${history.map(
              (entry, index) =>
                html`<li>
                  <a href="${asOfLink(ticket.id, history[index + 1])}"
                    ><time datetime="${entry.at}">${dateTime(entry.at)}</time></a
                  >
                  · ${entry.type} · ${entry.by}
                </li>`,
            )}
          </ol>
        </section>`,
    },
    status,
  );
};

/**
 * A form posted from the workspace: the desk's answer decides. Refused, the workspace is shown
 * again with the reason in words and what was typed kept; accepted, back to it (303).
 */
const act =
  (send: (context: RequestContext, fields: Typed, ticket: AgentTicket) => Promise<unknown> | undefined) =>
  async (context: RequestContext) => {
    const { t } = context.i18n;
    const fields = (await context.form()).fields;
    const id = context.params.id;
    try {
      const ticket = (await context.desk().get<AgentTicket>(`/tickets/${encodeURIComponent(id)}`)).body;
      const sent = send(context, fields, ticket);
      if (!sent) return renderWorkspace(context, { kind: 'error', text: t('agent.notNow') }, fields, 409);
      await sent;
    } catch (error) {
      if (!(error instanceof DeskProblem) || error.status === 401 || error.status === 404) throw error;
      const { message } = problemMessage(error.problem, t);
      return renderWorkspace(context, { kind: 'error', text: message }, fields, error.status);
    }
    context.redirect(ticketPath(id), { kind: 'success', text: t('agent.done') });
  };

const command = (context: RequestContext, ticket: AgentTicket, path: string, json: unknown, fields: Typed) =>
  context.desk().post(`/tickets/${encodeURIComponent(ticket.id)}/${path}`, {
    json,
    ifMatch: fields.revision || undefined,
  });

export const workspaceRoutes = (): PortalRoute[] => [
  {
    method: 'GET',
    pattern: '/portal/agent/tickets/:id',
    handler: agentOnly((context) => renderWorkspace(context)),
  },
  {
    method: 'POST',
    pattern: '/portal/agent/tickets/:id/comment',
    handler: agentOnly(
      act((context, fields, ticket) =>
        command(
          context,
          ticket,
          'comments',
          { body: fields.body ?? '', visibility: fields.visibility === 'internal' ? 'internal' : 'public' },
          fields,
        ),
      ),
    ),
  },
  {
    method: 'POST',
    pattern: '/portal/agent/tickets/:id/assign',
    handler: agentOnly(
      act((context, fields, ticket) =>
        command(context, ticket, 'assignment', { assigneeId: (fields.assigneeId ?? '').trim() }, fields),
      ),
    ),
  },
  {
    method: 'POST',
    pattern: '/portal/agent/tickets/:id/actions/:action',
    handler: agentOnly(
      act((context, fields, ticket) => {
        // Only what the lifecycle allows now; a stale page's button meets a sentence, not a 500.
        const action = allowedAction(ticket, context.params.action);
        if (!action) return undefined;
        const json = Object.fromEntries(action.fields.map((name) => [name, fields[name] ?? '']));
        return command(context, ticket, action.path, json, fields);
      }),
    ),
  },
  {
    method: 'POST',
    pattern: '/portal/agent/tickets/:id/fix',
    handler: agentOnly(
      act((context, fields, ticket) =>
        takesScheduledFix(ticket)
          ? context.desk().post(`/releases/${encodeURIComponent(fields.releaseId ?? '')}/fixes`, {
              json: { ticketId: ticket.id },
            })
          : undefined,
      ),
    ),
  },
];
