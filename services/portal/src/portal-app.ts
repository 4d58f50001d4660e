import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DeskClient, DeskProblem, type DeskUrls } from './desk-api/desk-client';
import { problemMessage } from './desk-api/problem-messages';
import { html } from './html/html';
import { layout, type Notice } from './html/layout';
import { i18n, isLanguage, type Language } from './i18n/i18n';
import { cookiesOf, FormTooLarge, readForm, type Form } from './http/portal-request';
import { pageBefore } from './http/page-before';
import { cookie, redirect, sendHtml } from './http/portal-response';
import type { PageHandler, RequestContext } from './http/request-context';
import { Router } from './http/router';
import type { PortalSettings } from './portal.settings';
import { signValue, verifySignedValue } from './session/signed-value';
import type { Session, SessionStore } from './session/session-store';
import { FLASH_COOKIE, LANGUAGE_COOKIE, SESSION_COOKIE } from './session/session-cookies';

export interface PortalRoute {
  method: 'GET' | 'POST';
  pattern: string;
  handler: PageHandler;
  /** Reachable without a session (sign-in, assets). */
  public?: boolean;
}

export interface PortalParts {
  settings: PortalSettings;
  sessions: SessionStore;
  /** The desk's APIs: known once the desk listens (standalone), or from the settings. */
  deskUrls: () => DeskUrls;
  routes: PortalRoute[];
  log?: (line: Record<string, unknown>) => void;
}

/** The paths the portal answers; everything else belongs to the desk's APIs. */
export const isPortalPath = (url: string | undefined) => {
  const path = (url ?? '/').split('?')[0];
  return path === '/' || path === '/portal' || path.startsWith('/portal/');
};

/**
 * The portal as one Node request handler, independent of any HTTP framework: its own process
 * serves it with node:http, and the standalone desk hands it the requests for `/` and `/portal/`.
 */
export const createPortal = (parts: PortalParts) => {
  const router = new Router<PortalRoute>();
  router.add(...parts.routes.map((route) => ({ ...route, handler: route })));
  const secure = parts.settings.publicUrl.startsWith('https:');
  const answersGet = (path: string) => typeof router.match('GET', path) === 'object';

  const languageOf = (request: IncomingMessage, session?: Session): Language => {
    const chosen = cookiesOf(request)[LANGUAGE_COOKIE];
    if (isLanguage(chosen)) return chosen;
    if (session) return session.user.language;
    const accepted = (request.headers['accept-language'] ?? '').toLowerCase();
    return accepted.startsWith('nl') ? 'nl' : 'en';
  };

  const sessionOf = (request: IncomingMessage) => {
    const signed = cookiesOf(request)[SESSION_COOKIE];
    const id = signed && verifySignedValue(signed, parts.settings.sessionSecret);
    return id ? parts.sessions.find(id) : undefined;
  };

  const flashOf = (request: IncomingMessage): Notice | undefined => {
    const signed = cookiesOf(request)[FLASH_COOKIE];
    const value = signed && verifySignedValue(signed, parts.settings.sessionSecret);
    if (!value) return undefined;
    try {
      return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Notice;
    } catch {
      return undefined;
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://portal.invalid');
    const requestId = randomUUID();
    const session = sessionOf(request);
    const language = languageOf(request, session);
    const context: RequestContext = {
      request,
      response,
      url,
      params: {},
      session,
      i18n: i18n(language, session?.user.timeZone ?? parts.settings.timeZone),
      flash: flashOf(request),
      form: memo(() => readForm(request, parts.settings.formMaxBytes)),
      desk: () => {
        if (!session) throw new Error('no session');
        return new DeskClient(parts.deskUrls(), session.token, requestId);
      },
      render: (view, status = 200) => {
        const cookies = context.flash ? [cookie(FLASH_COOKIE, '', { secure, maxAgeSeconds: 0 })] : [];
        if (cookies.length) response.setHeader('set-cookie', cookies);
        sendHtml(
          response,
          status,
          layout(
            {
              ...view,
              notices: [...(context.flash ? [context.flash] : []), ...(view.notices ?? [])],
              path: url.pathname,
              user: session?.user,
              csrfToken: session?.csrfToken,
            },
            context.i18n,
          ),
        );
      },
      redirect: (location, notice) =>
        redirect(
          response,
          location,
          notice
            ? [
                cookie(
                  FLASH_COOKIE,
                  signValue(
                    Buffer.from(JSON.stringify(notice)).toString('base64url'),
                    parts.settings.sessionSecret,
                  ),
                  { secure, maxAgeSeconds: 60 },
                ),
              ]
            : [],
        ),
    };
    const { t } = context.i18n;
    try {
      const match = router.match(request.method ?? 'GET', url.pathname);
      if (match === 'methodNotAllowed') return context.render({ title: t('error.title'), body: html`` }, 405);
      if (!match)
        return context.render({ title: t('error.title'), body: html`<p>${t('error.notFound')}</p>` }, 404);
      context.params = match.params;
      const route = match.handler;
      if (!route.public && !session) {
        const hadCookie = Boolean(cookiesOf(request)[SESSION_COOKIE]);
        return context.redirect(
          '/portal/sign-in',
          hadCookie ? { kind: 'info', text: t('signIn.sessionEnded') } : undefined,
        );
      }
      if (request.method === 'POST' && session) {
        const form = await context.form();
        if (form.fields._csrf !== session.csrfToken)
          return context.render({ title: t('error.title'), body: html`<p>${t('error.csrf')}</p>` }, 403);
      }
      await route.handler(context);
    } catch (error) {
      if (error instanceof DeskProblem && error.status === 401 && session) {
        parts.sessions.end(session.id);
        return context.redirect('/portal/sign-in', { kind: 'info', text: t('signIn.sessionEnded') });
      }
      if (error instanceof FormTooLarge)
        return context.render(
          {
            title: t('error.title'),
            notices: [{ kind: 'error', text: t('error.tooLarge') }],
            body: html`<p><a href="${pageBefore(request, answersGet)}">${t('common.back')}</a></p>`,
          },
          413,
        );
      if (error instanceof DeskProblem) {
        const { message } = problemMessage(error.problem, t);
        return context.render(
          { title: t('error.title'), notices: [{ kind: 'error', text: message }], body: html`` },
          error.status,
        );
      }
      parts.log?.({
        level: 50,
        msg: 'portal page failed',
        requestId,
        path: url.pathname,
        err: String((error as Error)?.stack ?? error),
      });
      if (!response.headersSent)
        context.render(
          {
            title: t('error.title'),
            notices: [{ kind: 'error', text: t('error.unavailable') }],
            body: html``,
          },
          500,
        );
      else response.end();
    }
  };

  return {
    handle: (request: IncomingMessage, response: ServerResponse) => void handle(request, response),
    owns: isPortalPath,
  };
};

export type Portal = ReturnType<typeof createPortal>;

const memo = <T>(compute: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
};

export type { Form };
