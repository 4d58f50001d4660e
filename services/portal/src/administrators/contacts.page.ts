import { DeskProblem } from '../desk-api/desk-client';
import { problemMessage } from '../desk-api/problem-messages';
import type { ContactSummary } from '../customers/ticket-view';
import { csrfField, inputField, selectField } from '../html/form-fields';
import { html } from '../html/html';
import type { Notice } from '../html/layout';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import { onlyAdministrators } from './only-administrators';

const CONTACT_FIELDS = ['name', 'email', 'phone', 'language', 'role'] as const;

/**
 * An administrator's contacts: who may file tickets for the organisation (seed 004: the customer
 * decides who is authorised). Add, authorise, revoke, deactivate and reactivate.
 */
const showContacts = async (
  context: RequestContext,
  notices: Notice[] = [],
  typed: Record<string, string> = {},
  errors: Record<string, string> = {},
  status = 200,
) => {
  const { t } = context.i18n;
  const organisationId = context.session!.user.organisationId!;
  const contacts = (await context.desk().get<ContactSummary[]>(`/organisations/${organisationId}/contacts`))
    .body;
  const csrf = csrfField(context.session!.csrfToken);
  const yesNo = (value: boolean) => (value ? t('contacts.yes') : t('contacts.no'));
  const button = (contact: ContactSummary, action: string, label: string) =>
    html`<form method="post" action="/portal/contacts/${contact.id}/${action}" class="inline">
      ${csrf} <input type="hidden" name="name" value="${contact.name}" /><button
        type="submit"
        class="secondary"
      >
        ${label}
      </button>
    </form>`;
  context.render(
    {
      title: t('contacts.title'),
      notices,
      body: html`<p>${t('contacts.intro')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">${t('contacts.name')}</th>
              <th scope="col">${t('contacts.email')}</th>
              <th scope="col">${t('contacts.role')}</th>
              <th scope="col">${t('contacts.authorised')}</th>
              <th scope="col">${t('contacts.active')}</th>
              <th scope="col">${t('contacts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${contacts.map(
              (contact) =>
                html`<tr>
                  <td>${contact.name}</td>
                  <td>${contact.email}</td>
                  <td>${t(`role.${contact.role}`)}</td>
                  <td>${yesNo(contact.authorised)}</td>
                  <td>${yesNo(contact.active)}</td>
                  <td>
                    ${
                      contact.active
                        ? html`${
                            contact.authorised
                              ? button(contact, 'revoke', t('contacts.revoke', { name: contact.name }))
                              : button(contact, 'authorise', t('contacts.authorise', { name: contact.name }))
                          }
                          ${button(contact, 'deactivate', t('contacts.deactivate', { name: contact.name }))}`
                        : button(contact, 'reactivate', t('contacts.reactivate', { name: contact.name }))
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
        <section aria-labelledby="add-contact">
          <h2 id="add-contact">${t('contacts.add')}</h2>
          <form method="post" action="/portal/contacts">
            ${csrf}
            ${inputField({ name: 'name', label: t('contacts.name'), value: typed.name, error: errors.name, required: true })}
            ${inputField({ name: 'email', type: 'email', label: t('contacts.email'), value: typed.email, error: errors.email, required: true })}
            ${inputField({ name: 'phone', type: 'tel', label: t('contacts.phone'), value: typed.phone, error: errors.phone })}
            ${selectField({
              name: 'language',
              label: t('contacts.language'),
              value: typed.language ?? context.i18n.language,
              error: errors.language,
              choices: [
                { value: 'nl', label: t('language.nl') },
                { value: 'en', label: t('language.en') },
              ],
            })}
            ${selectField({
              name: 'role',
              label: t('contacts.role'),
              value: typed.role ?? 'customer_employee',
              error: errors.role,
              choices: [
                { value: 'customer_employee', label: t('role.customer_employee') },
                { value: 'customer_admin', label: t('role.customer_admin') },
              ],
            })}
            <label
              ><input
                type="checkbox"
                name="authorised"
                value="yes"
                ${typed.authorised ? html` checked` : ''}
              />
              ${t('contacts.authoriseNow')}</label
            >
            <p><button type="submit">${t('contacts.add')}</button></p>
          </form>
        </section>`,
    },
    status,
  );
};

const refusal = async (context: RequestContext, error: unknown, typed: Record<string, string> = {}) => {
  if (!(error instanceof DeskProblem) || error.status === 401) throw error;
  const { message, fieldErrors } = problemMessage(error.problem, context.i18n.t);
  await showContacts(context, [{ kind: 'error', text: message }], typed, fieldErrors, error.status);
};

const CONTACT_COMMANDS: Record<string, { method: 'post' | 'delete'; path: string }> = {
  authorise: { method: 'post', path: 'authorisation' },
  revoke: { method: 'delete', path: 'authorisation' },
  deactivate: { method: 'post', path: 'deactivation' },
  reactivate: { method: 'post', path: 'reactivation' },
};

export const contactRoutes = (): PortalRoute[] => [
  {
    method: 'GET',
    pattern: '/portal/contacts',
    handler: onlyAdministrators((context) => showContacts(context)),
  },
  {
    method: 'POST',
    pattern: '/portal/contacts',
    handler: onlyAdministrators(async (context) => {
      const { fields } = await context.form();
      const typed = Object.fromEntries(
        [...CONTACT_FIELDS, 'authorised'].map((name) => [name, (fields[name] ?? '').trim()]),
      );
      try {
        await context.desk().post(`/organisations/${context.session!.user.organisationId}/contacts`, {
          json: {
            name: typed.name,
            email: typed.email,
            ...(typed.phone ? { phone: typed.phone } : {}),
            language: typed.language,
            role: typed.role,
            authorised: typed.authorised === 'yes',
          },
        });
      } catch (error) {
        return refusal(context, error, typed);
      }
      context.redirect('/portal/contacts', {
        kind: 'success',
        text: context.i18n.t('contacts.added', { name: typed.name }),
      });
    }),
  },
  {
    method: 'POST',
    pattern: '/portal/contacts/:id/:command',
    handler: onlyAdministrators(async (context) => {
      const command = CONTACT_COMMANDS[context.params.command];
      if (!command)
        return context.render(
          { title: context.i18n.t('error.title'), body: html`<p>${context.i18n.t('error.notFound')}</p>` },
          404,
        );
      const { fields } = await context.form();
      try {
        await context.desk()[command.method](`/contacts/${context.params.id}/${command.path}`);
      } catch (error) {
        return refusal(context, error);
      }
      context.redirect('/portal/contacts', {
        kind: 'success',
        text: context.i18n.t('contacts.changed', { name: fields.name ?? '' }),
      });
    }),
  },
];
