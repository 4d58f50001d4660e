import { KINDS } from '@helpdesk/contracts';
import { DeskProblem } from '../desk-api/desk-client';
import { problemMessage } from '../desk-api/problem-messages';
import { csrfField, inputField, selectField, textareaField } from '../html/form-fields';
import { html } from '../html/html';
import type { Notice } from '../html/layout';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { kindLabel } from './ticket-labels';

/** The form's fields, and where the desk's API takes each (its errors name the API's field). */
const DETAILS = {
  steps: 'stepsToReproduce',
  expected: 'expectedResult',
  actual: 'actualResult',
  impact: 'impact',
} as const;
const API_FIELD_OF: Record<string, string> = Object.fromEntries([
  ['kind', 'kind'],
  ['subject', 'subject'],
  ['description', 'description'],
  ...Object.entries(DETAILS).map(([form, api]) => [`details.${api}`, form]),
]);

const newTicketForm = (
  context: RequestContext,
  values: Record<string, string> = {},
  errors: Record<string, string> = {},
  notices: Notice[] = [],
  status = 200,
) => {
  const { t } = context.i18n;
  context.render(
    {
      title: t('newTicket.title'),
      notices,
      body: html`<p class="notice notice-info">${t('newTicket.onePerTicket')}</p>
        <form method="post" action="/portal/tickets/new" enctype="multipart/form-data">
          ${csrfField(context.session!.csrfToken)}
          ${selectField({
            name: 'kind',
            label: t('newTicket.kind'),
            hint: t('newTicket.kindHint'),
            value: values.kind ?? 'question',
            error: errors.kind,
            choices: KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) })),
          })}
          ${inputField({ name: 'subject', label: t('newTicket.subject'), hint: t('newTicket.subjectHint'), value: values.subject, error: errors.subject, required: true, maxLength: 200 })}
          ${textareaField({ name: 'description', label: t('newTicket.description'), hint: t('newTicket.descriptionHint'), value: values.description, error: errors.description, required: true })}
          ${textareaField({ name: 'steps', label: t('newTicket.steps'), value: values.steps, error: errors.steps })}
          ${textareaField({ name: 'expected', label: t('newTicket.expected'), value: values.expected, error: errors.expected })}
          ${textareaField({ name: 'actual', label: t('newTicket.actual'), value: values.actual, error: errors.actual })}
          ${textareaField({ name: 'impact', label: t('newTicket.impact'), hint: t('newTicket.impactHint'), value: values.impact, error: errors.impact })}
          ${inputField({ name: 'attachment', type: 'file', label: t('newTicket.attachment'), hint: t('newTicket.attachmentHint'), error: errors.attachment })}
          <p><button type="submit">${t('newTicket.submit')}</button></p>
        </form>`,
    },
    status,
  );
};

/**
 * Filing a ticket: what a good ticket needs, one question per ticket. A refusal shows the form
 * again with everything typed (but the file, which a browser never pre-fills) and says what to do:
 * an unauthorised contact is told which administrators to ask.
 */
const fileTicket = async (context: RequestContext) => {
  const { t } = context.i18n;
  const { fields, files } = await context.form();
  const values = Object.fromEntries(
    ['kind', 'subject', 'description', ...Object.keys(DETAILS)].map((name) => [
      name,
      (fields[name] ?? '').trim(),
    ]),
  );
  const missing = Object.fromEntries(
    ['subject', 'description'].filter((name) => !values[name]).map((name) => [name, t('newTicket.required')]),
  );
  if (Object.keys(missing).length > 0)
    return newTicketForm(context, values, missing, [{ kind: 'error', text: t('error.invalid') }], 422);
  const details = Object.fromEntries(
    Object.entries(DETAILS)
      .filter(([form]) => values[form])
      .map(([form, api]) => [api, values[form]]),
  );
  const desk = context.desk();
  let filed: { id: string; number: string };
  try {
    filed = (
      await desk.post<{ id: string; number: string }>('/tickets', {
        json: {
          kind: values.kind,
          subject: values.subject,
          description: values.description,
          ...(Object.keys(details).length ? { details } : {}),
        },
      })
    ).body;
  } catch (error) {
    if (!(error instanceof DeskProblem)) throw error;
    const { message, fieldErrors } = problemMessage(error.problem, t);
    const errors = Object.fromEntries(
      Object.entries(fieldErrors).map(([field, reason]) => [API_FIELD_OF[field] ?? field, reason]),
    );
    return newTicketForm(context, values, errors, [{ kind: 'error', text: message }], error.status);
  }
  const notice: Notice = { kind: 'success', text: t('newTicket.filed', { number: filed.number }) };
  if (files.attachment) {
    const form = new FormData();
    form.append('file', files.attachment, files.attachment.name);
    try {
      await desk.post(`/tickets/${filed.id}/attachments`, { form });
    } catch (error) {
      if (!(error instanceof DeskProblem)) throw error;
      const reason = problemMessage(error.problem, t).message;
      return context.redirect(`/portal/tickets/${filed.id}`, {
        kind: 'error',
        text: t('newTicket.attachmentFailed', { reason }),
      });
    }
  }
  context.redirect(`/portal/tickets/${filed.id}`, notice);
};

export const newTicketRoutes = (): PortalRoute[] => [
  { method: 'GET', pattern: '/portal/tickets/new', handler: async (context) => newTicketForm(context) },
  { method: 'POST', pattern: '/portal/tickets/new', handler: fileTicket },
];
