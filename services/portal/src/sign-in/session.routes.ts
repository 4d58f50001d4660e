import { isLanguage } from '../i18n/i18n';
import { redirect } from '../http/portal-response';
import type { PortalRoute } from '../portal-app';
import { sessionCookies } from '../session/session-cookies';
import type { SessionStore } from '../session/session-store';

/** Only a path of the portal itself, so the switch cannot be made to send anyone elsewhere. */
const safeBack = (back: string | undefined) =>
  back && /^\/portal(\/[\w\-/]*)?$/.test(back) ? back : '/portal/tickets';

/** Sign-out, the language switch and `/`, whichever way people signed in. */
export const sessionRoutes = (
  settings: { publicUrl: string; sessionSecret: string },
  sessions: SessionStore,
): PortalRoute[] => {
  const cookies = sessionCookies(settings);
  return [
    {
      method: 'GET',
      pattern: '/',
      public: true,
      handler: async (context) => context.redirect(context.session ? '/portal/tickets' : '/portal/sign-in'),
    },
    {
      method: 'GET',
      pattern: '/portal',
      public: true,
      handler: async (context) => context.redirect(context.session ? '/portal/tickets' : '/portal/sign-in'),
    },
    {
      method: 'POST',
      pattern: '/portal/sign-out',
      handler: async (context) => {
        sessions.end(context.session!.id);
        redirect(context.response, '/portal/sign-in?signed-out=1', [cookies.clear()]);
      },
    },
    {
      method: 'POST',
      pattern: '/portal/language',
      public: true,
      handler: async (context) => {
        const { fields } = await context.form();
        const language = isLanguage(fields.language) ? fields.language : context.i18n.language;
        redirect(context.response, safeBack(fields.back), [cookies.language(language)]);
      },
    },
  ];
};
