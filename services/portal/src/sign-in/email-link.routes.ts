import { type MailTransport, signDevToken } from '@helpdesk/platform';
import { html } from '../html/html';
import { redirect } from '../http/portal-response';
import type { RequestContext } from '../http/request-context';
import type { PortalRoute } from '../portal-app';
import type { PortalSettings } from '../portal.settings';
import { sessionCookies } from '../session/session-cookies';
import type { SessionStore } from '../session/session-store';
import type { SignInLinks } from './domain/sign-in-links';
import type { PeopleDirectory } from './people-directory';
import { sendSignInMail } from './sign-in-mail';

export interface EmailLinkSignIn {
  settings: PortalSettings;
  links: SignInLinks;
  people: PeopleDirectory;
  sessions: SessionStore;
  transport: MailTransport;
  mail: { from: string; deskName: string };
  /** Signs the desk token of whoever followed a link: the desk verifies it like any other. */
  tokenSecret: string;
  tokenClaims: { issuer?: string; audience?: string };
  log?: (line: Record<string, unknown>) => void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const signInPage = (context: RequestContext, email = '', error?: string) => {
  const { t } = context.i18n;
  const signedOut = context.url.searchParams.has('signed-out');
  context.render(
    {
      title: t('signIn.title'),
      notices: signedOut ? [{ kind: 'info', text: t('signIn.signedOut') }] : [],
      body: html`<p>${t('signIn.intro')}</p>
        <form method="post" action="/portal/sign-in" novalidate>
          <label for="email">${t('signIn.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            value="${email}"
            ${error ? html`aria-invalid="true" aria-describedby="email-error"` : ''}
          />
          ${error ? html`<p class="field-error" id="email-error">${error}</p>` : ''}
          <p><button type="submit">${t('signIn.send')}</button></p>
        </form>`,
    },
    error ? 422 : 200,
  );
};

/**
 * Standalone sign-in: ask for a link by address, follow it once. The answer to a request is the
 * same whether or not the address is known, so the form tells nobody who the desk's customers are.
 */
export const emailLinkRoutes = (parts: EmailLinkSignIn): PortalRoute[] => {
  const cookies = sessionCookies(parts.settings);
  const ttlMinutes = Math.round(parts.settings.linkTtlSeconds / 60);
  return [
    {
      method: 'GET',
      pattern: '/portal/sign-in',
      public: true,
      handler: async (context) => signInPage(context),
    },
    {
      method: 'POST',
      pattern: '/portal/sign-in',
      public: true,
      handler: async (context) => {
        const { t } = context.i18n;
        const email = ((await context.form()).fields.email ?? '').trim();
        if (!EMAIL.test(email))
          return signInPage(
            context,
            email,
            t('field.invalid', { field: t('signIn.email'), reason: 'name@example.com' }),
          );
        const request = parts.links.request(email);
        if (!request.issued)
          return context.render(
            {
              title: t('signIn.title'),
              notices: [
                {
                  kind: 'error',
                  text: t('signIn.tooMany', { email, minutes: Math.ceil(request.retryInMs / 60_000) }),
                },
              ],
              body: html``,
            },
            429,
          );
        const user = await parts.people.find(email);
        if (user) {
          const link = `${parts.settings.publicUrl}/portal/sign-in/link?token=${request.token}`;
          await sendSignInMail(parts.transport, parts.mail, user, link, ttlMinutes);
          parts.log?.({ level: 30, msg: 'sign-in link sent', role: user.role });
        }
        context.render({
          title: t('signIn.title'),
          notices: [{ kind: 'success', text: t('signIn.sent', { email, minutes: ttlMinutes }) }],
          body: html``,
        });
      },
    },
    {
      method: 'GET',
      pattern: '/portal/sign-in/link',
      public: true,
      handler: async (context) => {
        const email = parts.links.redeem(context.url.searchParams.get('token') ?? '');
        const user = email ? await parts.people.find(email) : undefined;
        if (!user)
          return context.render(
            {
              title: context.i18n.t('signIn.title'),
              notices: [{ kind: 'error', text: context.i18n.t('signIn.invalidLink') }],
              body: html``,
            },
            410,
          );
        const expiresAt = Date.now() + parts.settings.sessionTtlSeconds * 1000;
        const token = await signDevToken(
          parts.tokenSecret,
          { id: user.id, role: user.role, organisationId: user.organisationId },
          { expiresIn: `${parts.settings.sessionTtlSeconds}s`, ...parts.tokenClaims },
        );
        const session = parts.sessions.open(user, token, expiresAt);
        redirect(context.response, '/portal/tickets', [cookies.open(session)]);
      },
    },
  ];
};
