import { PRIORITIES } from '@helpdesk/contracts';
import { DeskProblem, type DeskClient } from '../desk-api/desk-client';
import { problemMessage } from '../desk-api/problem-messages';
import { csrfField, inputField, selectField, textareaField } from '../html/form-fields';
import { html } from '../html/html';
import type { Notice } from '../html/layout';
import type { Form } from '../http/portal-request';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { kindLabel, priorityLabel, statusLabel } from './ticket-labels';
import { participantKey, type ContactSummary, type TicketView } from './ticket-view';
import { liveRegion } from '../live/live-region';

const METRICS = ['triage', 'first_response', 'resolution'] as const;

/** The organisation's contacts, for names: administrators may read them, employees get none. */
const contactsOf = async (desk: DeskClient, organisationId: string) => {
  try {
    return (await desk.get<ContactSummary[]>(`/organisations/${organisationId}/contacts`)).body;
  } catch (error) {
    if (error instanceof DeskProblem && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
};

interface Retyped {
  comment?: string;
  person?: string;
  reason?: string;
  reopenReason?: string;
}

const showTicket = async (
  context: RequestContext,
  hotline: string,
  notices: Notice[] = [],
  typed: Retyped = {},
  status = 200,
) => {
  const { t, dateTime } = context.i18n;
  const desk = context.desk();
  const ticket = (await desk.get<TicketView>(`/tickets/${context.params.id}`)).body;
  const contacts = await contactsOf(desk, ticket.organisationId);
  const me = context.session!.user;
  const nameOf = (id: string) =>
    id === me.id ? me.name : (contacts.find((contact) => contact.id === id)?.name ?? t('ticket.colleague'));
  const csrf = csrfField(context.session!.csrfToken);
  const action = (name: string) => `/portal/tickets/${ticket.id}/${name}`;
  const revision = html`<input type="hidden" name="revision" value="${ticket.revision}" />`;
  const dues = METRICS.flatMap((metric) => {
    const clock = ticket.sla?.[metric];
    return clock?.state === 'running' && clock.dueAt
      ? [
          html`<li>
            ${t('ticket.due', { metric: t(`ticket.metric.${metric}`), time: dateTime(clock.dueAt) })}
          </li>`,
        ]
      : [];
  });
  const detailRows = (
    [
      ['newTicket.steps', ticket.details?.stepsToReproduce],
      ['newTicket.expected', ticket.details?.expectedResult],
      ['newTicket.actual', ticket.details?.actualResult],
      ['newTicket.impact', ticket.details?.impact],
    ] as const
  ).filter(([, value]) => value);
  const closed = ticket.status === 'closed';
  const mayReassess =
    ticket.priority && !ticket.pendingReassessment && !closed && ticket.status !== 'resolved';
  context.render(
    {
      title: `${ticket.number}: ${ticket.subject}`,
      notices: [
        ...(ticket.kind === 'outage' && !closed
          ? [{ kind: 'info' as const, text: t('ticket.outage', { hotline }) }]
          : []),
        ...notices,
      ],
      body: html`<dl class="facts">
          <dt>${t('ticket.reference')}</dt>
          <dd>${ticket.number}</dd>
          <dt>${t('ticket.status')}</dt>
          <dd>${statusLabel(t, ticket.status)}</dd>
          <dt>${t('ticket.priority')}</dt>
          <dd>
            ${priorityLabel(t, ticket.priority)}:
            ${t(`ticket.priorityMeaning.${ticket.priority ?? 'none'}`)}${
              dues.length
                ? html`<ul>
                    ${dues}
                  </ul>`
                : ''
            }
          </dd>
          <dt>${t('ticket.kind')}</dt>
          <dd>${kindLabel(t, ticket.kind)}</dd>
          <dt>${t('ticket.created')}</dt>
          <dd><time datetime="${ticket.createdAt}">${dateTime(ticket.createdAt)}</time></dd>
          <dt>${t('ticket.updated')}</dt>
          <dd><time datetime="${ticket.updatedAt}">${dateTime(ticket.updatedAt)}</time></dd>
        </dl>
        <section aria-labelledby="description-heading">
          <h2 id="description-heading">${t('ticket.description')}</h2>
          <p class="prewrap">${ticket.description}</p>
          ${
            detailRows.length
              ? html`<dl>
                  ${detailRows.map(
                    ([label, value]) =>
                      html`<dt>${t(label)}</dt>
                        <dd class="prewrap">${value}</dd>`,
                  )}
                </dl>`
              : ''
          }
          ${
            ticket.resolution
              ? html`<h3>${t('ticket.resolution')}</h3>
                  <p class="prewrap">${ticket.resolution}</p>`
              : ''
          }
        </section>
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">${t('ticket.people')}</h2>
          <p class="hint">${t('ticket.peopleHint')}</p>
          <ul>
            <li>${nameOf(ticket.reporterId)} (${t('ticket.reporter')})</li>
            ${ticket.participants.map((participant) => {
              const who = 'email' in participant ? participant.email : nameOf(participant.contactId);
              return html`<li>
                ${who}
                <form method="post" action="${action('participants/remove')}" class="inline">
                  ${csrf}
                  <input type="hidden" name="participant" value="${participantKey(participant)}" />
                  <input type="hidden" name="who" value="${who}" />
                  <button type="submit" class="secondary">${t('ticket.remove', { who })}</button>
                </form>
              </li>`;
            })}
          </ul>
          ${
            closed
              ? ''
              : html`<form method="post" action="${action('participants')}">
                  ${csrf}
                  ${inputField({ name: 'person', type: 'email', label: t('ticket.addPerson'), value: typed.person, required: true })}
                  <p><button type="submit">${t('ticket.add')}</button></p>
                </form>`
          }
        </section>
        <section aria-labelledby="conversation-heading">
          <h2 id="conversation-heading">${t('ticket.conversation')}</h2>
          ${liveRegion(
            'conversation',
            `/portal/live/tickets/${ticket.id}`,
            ticket.comments.length === 0
              ? html`<p>${t('ticket.noComments')}</p>`
              : html`<ol class="conversation">
                  ${ticket.comments.map(
                    (comment) => html`<li${comment.visibility === 'internal' ? html` class="internal"` : ''}>
      <p class="meta">${comment.authorRole === 'agent' ? t('ticket.support') : comment.authorId === me.id ? t('ticket.you') : nameOf(comment.authorId)} · <time datetime="${comment.at}">${dateTime(comment.at)}</time></p>
      <p class="prewrap">${comment.body}</p></li>`,
                  )}
                </ol>`,
          )}
          ${
            closed
              ? ''
              : html`<form method="post" action="${action('comments')}">
                  ${csrf}
                  ${textareaField({ name: 'comment', label: t('ticket.addComment'), value: typed.comment, required: true })}
                  <p><button type="submit">${t('common.send')}</button></p>
                </form>`
          }
        </section>
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">${t('ticket.attachments')}</h2>
          ${
            ticket.attachments.length === 0
              ? html`<p>${t('ticket.noAttachments')}</p>`
              : html`<ul>
                  ${ticket.attachments.map(
                    (file) =>
                      html`<li>
                        ${file.fileName} (${Math.max(1, Math.round(file.size / 1024))} KB) ·
                        <time datetime="${file.at}">${dateTime(file.at)}</time>
                      </li>`,
                  )}
                </ul>`
          }
          ${
            closed
              ? ''
              : html`<form method="post" action="${action('attachments')}" enctype="multipart/form-data">
                  ${csrf}
                  ${inputField({ name: 'file', type: 'file', label: t('ticket.addAttachment'), required: true })}
                  <p><button type="submit">${t('ticket.attach')}</button></p>
                </form>`
          }
        </section>
        ${ticket.pendingReassessment ? html`<p class="notice notice-info" role="status">${t('ticket.reassessmentPending', { reason: ticket.pendingReassessment.reason })}</p>` : ''}
        ${
          mayReassess
            ? html`<section aria-labelledby="reassess-heading">
                <h2 id="reassess-heading">${t('ticket.reassessment')}</h2>
                <form method="post" action="${action('reassessment')}">
                  ${csrf}${revision}
                  ${textareaField({ name: 'reason', label: t('ticket.reason'), hint: t('ticket.reassessmentHint'), value: typed.reason, required: true })}
                  ${selectField({ name: 'proposedPriority', label: t('ticket.proposedPriority'), value: '', choices: [{ value: '', label: t('common.none') }, ...PRIORITIES.map((p) => ({ value: p, label: priorityLabel(t, p) }))] })}
                  <p><button type="submit">${t('ticket.requestReassessment')}</button></p>
                </form>
              </section>`
            : ''
        }
        ${
          closed
            ? ''
            : html`<section aria-labelledby="remote-heading">
                <h2 id="remote-heading">${t('ticket.remoteSession')}</h2>
                <p>${ticket.remoteSessionConsent ? t('ticket.consentGiven') : t('ticket.consentNotGiven')}</p>
                <form method="post" action="${action('consent')}">
                  ${csrf}${revision}
                  <input
                    type="hidden"
                    name="consent"
                    value="${ticket.remoteSessionConsent ? 'withdraw' : 'give'}"
                  />
                  <button type="submit" class="secondary">
                    ${ticket.remoteSessionConsent ? t('ticket.withdrawConsent') : t('ticket.giveConsent')}
                  </button>
                </form>
              </section>`
        }
        ${
          ticket.status === 'resolved'
            ? html`<form method="post" action="${action('close')}">
                ${csrf}${revision}
                <p><button type="submit">${t('ticket.confirm')}</button></p>
              </form>`
            : ''
        }
        ${
          ticket.status === 'resolved' || closed
            ? html`<section aria-labelledby="reopen-heading">
                <h2 id="reopen-heading">${t('ticket.reopen')}</h2>
                <form method="post" action="${action('reopen')}">
                  ${csrf}${revision}
                  ${textareaField({ name: 'reopenReason', label: t('ticket.reopenReason'), value: typed.reopenReason, required: true })}
                  <p><button type="submit" class="secondary">${t('ticket.reopen')}</button></p>
                </form>
              </section>`
            : ''
        }`,
    },
    status,
  );
};

type TicketCommand = (
  desk: DeskClient,
  ticketId: string,
  form: Form,
  context: RequestContext,
) => Promise<{ notice: Notice } | undefined>;

/**
 * One ticket command from a form: done, back to the ticket with a notice; refused, the ticket
 * again with the desk's reason in words and what the person typed still in its field.
 */
const ticketCommand =
  (hotline: string, command: TicketCommand, retyped: keyof Retyped | undefined): PortalRoute['handler'] =>
  async (context) => {
    const form = await context.form();
    try {
      const done = await command(context.desk(), context.params.id, form, context);
      context.redirect(`/portal/tickets/${context.params.id}`, done?.notice);
    } catch (error) {
      if (!(error instanceof DeskProblem) || error.status === 401 || error.status === 404) throw error;
      const { message } = problemMessage(error.problem, context.i18n.t);
      const typed = retyped ? { [retyped]: form.fields[retyped] ?? '' } : {};
      await showTicket(context, hotline, [{ kind: 'error', text: message }], typed, error.status);
    }
  };

const ifMatch = (form: Form) =>
  /^\d+$/.test(form.fields.revision ?? '') ? Number(form.fields.revision) : undefined;

const success = (text: string) => ({ notice: { kind: 'success' as const, text } });

export const ticketRoutes = (hotline: string): PortalRoute[] => {
  const route = (name: string, command: TicketCommand, retyped?: keyof Retyped): PortalRoute => ({
    method: 'POST',
    pattern: `/portal/tickets/:id/${name}`,
    handler: ticketCommand(hotline, command, retyped),
  });
  return [
    { method: 'GET', pattern: '/portal/tickets/:id', handler: (context) => showTicket(context, hotline) },
    route(
      'comments',
      async (desk, id, form, { i18n }) => {
        await desk.post(`/tickets/${id}/comments`, {
          json: { body: form.fields.comment ?? '', visibility: 'public' },
        });
        return success(i18n.t('ticket.commentAdded'));
      },
      'comment',
    ),
    route(
      'participants',
      async (desk, id, form, context) => {
        const email = (form.fields.person ?? '').trim().toLowerCase();
        const ticket = (await desk.get<TicketView>(`/tickets/${id}`)).body;
        // A colleague is added as the contact they are, so they keep receiving mail under their own name.
        const colleague = (await contactsOf(desk, ticket.organisationId)).find(
          (c) => c.active && c.email === email,
        );
        await desk.post(`/tickets/${id}/participants`, {
          json: colleague ? { contactId: colleague.id } : { email },
        });
        return success(context.i18n.t('ticket.personAdded', { who: colleague?.name ?? email }));
      },
      'person',
    ),
    route('participants/remove', async (desk, id, form, { i18n }) => {
      await desk.delete(`/tickets/${id}/participants/${encodeURIComponent(form.fields.participant ?? '')}`);
      return success(i18n.t('ticket.personRemoved', { who: form.fields.who ?? '' }));
    }),
    {
      method: 'POST',
      pattern: '/portal/tickets/:id/attachments',
      handler: ticketCommand(
        hotline,
        async (desk, id, form, { i18n }) => {
          const file = form.files.file;
          if (!file)
            throw new DeskProblem({
              type: 'about:blank',
              title: 'Invalid input',
              status: 400,
              detail: '',
              errors: [{ field: 'file', reason: i18n.t('newTicket.required') }],
            });
          const upload = new FormData();
          upload.append('file', file, file.name);
          await desk.post(`/tickets/${id}/attachments`, { form: upload });
          return success(i18n.t('ticket.attachmentAdded', { file: file.name }));
        },
        undefined,
      ),
    },
    route(
      'reassessment',
      async (desk, id, form, { i18n }) => {
        const proposed = (PRIORITIES as readonly string[]).includes(form.fields.proposedPriority ?? '')
          ? form.fields.proposedPriority
          : undefined;
        await desk.post(`/tickets/${id}/reassessment`, {
          json: { reason: form.fields.reason ?? '', ...(proposed ? { proposedPriority: proposed } : {}) },
          ifMatch: ifMatch(form),
        });
        return success(i18n.t('ticket.reassessmentRequested'));
      },
      'reason',
    ),
    route('consent', async (desk, id, form, { i18n }) => {
      const path = `/tickets/${id}/remote-session-consent`;
      if (form.fields.consent === 'withdraw') await desk.delete(path, { ifMatch: ifMatch(form) });
      else await desk.post(path, { ifMatch: ifMatch(form) });
      return success(i18n.t('ticket.consentChanged'));
    }),
    route('close', async (desk, id, form, { i18n }) => {
      await desk.post(`/tickets/${id}/close`, { ifMatch: ifMatch(form) });
      return success(i18n.t('ticket.closed'));
    }),
    route(
      'reopen',
      async (desk, id, form, { i18n }) => {
        await desk.post(`/tickets/${id}/reopen`, {
          json: { reason: form.fields.reopenReason ?? '' },
          ifMatch: ifMatch(form),
        });
        return success(i18n.t('ticket.reopened'));
      },
      'reopenReason',
    ),
  ];
};
