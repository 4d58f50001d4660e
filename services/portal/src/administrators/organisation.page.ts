import { DeskProblem } from '../desk-api/desk-client';
import { problemMessage } from '../desk-api/problem-messages';
import { csrfField, inputField, selectField } from '../html/form-fields';
import { html } from '../html/html';
import type { Notice } from '../html/layout';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { onlyAdministrators } from './only-administrators';

interface OrganisationDetails {
  id: string;
  name: string;
  timeZone: string;
  slaPolicy: string;
  language?: 'nl' | 'en';
  revision: number;
  administrators: Array<{ name: string; email: string }>;
}

const showOrganisation = async (
  context: RequestContext,
  notices: Notice[] = [],
  typed: Record<string, string> = {},
  errors: Record<string, string> = {},
  status = 200,
) => {
  const { t } = context.i18n;
  const organisation = (
    await context.desk().get<OrganisationDetails>(`/organisations/${context.session!.user.organisationId}`)
  ).body;
  // After a concurrent change the fields keep what the person typed; each hint shows what is
  // saved now where it differs, so they can see the other change before they send theirs again.
  const conflict = status === 409 || status === 412;
  const savedMeanwhile = (field: 'name' | 'timeZone') =>
    conflict && typed[field] !== undefined && typed[field] !== organisation[field]
      ? t('organisation.savedMeanwhile', { value: organisation[field] })
      : undefined;
  context.render(
    {
      title: t('organisation.title'),
      notices,
      body: html`<form method="post" action="/portal/organisation">
          ${csrfField(context.session!.csrfToken)}
          <input type="hidden" name="revision" value="${organisation.revision}" />
          ${inputField({ name: 'name', label: t('organisation.name'), hint: savedMeanwhile('name'), value: typed.name ?? organisation.name, error: errors.name, required: true })}
          ${inputField({ name: 'timeZone', label: t('organisation.timeZone'), hint: savedMeanwhile('timeZone'), value: typed.timeZone ?? organisation.timeZone, error: errors.timeZone })}
          ${selectField({
            name: 'language',
            label: t('contacts.language'),
            value: typed.language ?? organisation.language ?? 'nl',
            error: errors.language,
            choices: [
              { value: 'nl', label: t('language.nl') },
              { value: 'en', label: t('language.en') },
            ],
          })}
          <p><button type="submit">${t('common.save')}</button></p>
        </form>
        <dl class="facts">
          <dt>${t('organisation.slaPolicy')}</dt>
          <dd>${organisation.slaPolicy}</dd>
          <dt>${t('organisation.administrators')}</dt>
          <dd>${organisation.administrators.map((admin) => `${admin.name} <${admin.email}>`).join(', ')}</dd>
        </dl>`,
    },
    status,
  );
};

/**
 * The organisation's own details, kept by its administrators (seed 004). The revision they saw
 * goes back as If-Match: a change made meanwhile is shown to them instead of being overwritten.
 */
const saveOrganisation = async (context: RequestContext) => {
  const { fields } = await context.form();
  const typed = {
    name: fields.name?.trim() ?? '',
    timeZone: fields.timeZone?.trim() ?? '',
    language: fields.language ?? '',
  };
  try {
    await context.desk().patch(`/organisations/${context.session!.user.organisationId}`, {
      json: typed,
      ifMatch: /^\d+$/.test(fields.revision ?? '') ? Number(fields.revision) : undefined,
    });
  } catch (error) {
    if (!(error instanceof DeskProblem) || error.status === 401) throw error;
    const { message, fieldErrors } = problemMessage(error.problem, context.i18n.t);
    return showOrganisation(context, [{ kind: 'error', text: message }], typed, fieldErrors, error.status);
  }
  context.redirect('/portal/organisation', { kind: 'success', text: context.i18n.t('organisation.saved') });
};

export const organisationRoutes = (): PortalRoute[] => [
  {
    method: 'GET',
    pattern: '/portal/organisation',
    handler: onlyAdministrators((context) => showOrganisation(context)),
  },
  { method: 'POST', pattern: '/portal/organisation', handler: onlyAdministrators(saveOrganisation) },
];
