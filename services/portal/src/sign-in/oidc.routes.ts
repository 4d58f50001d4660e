import { decodeJwt } from 'jose';
import { html } from '../html/html';
import { redirect } from '../http/portal-response';
import type { PortalRoute } from '../portal-app';
import type { OidcSettings, PortalSettings } from '../portal.settings';
import { sessionCookies } from '../session/session-cookies';
import type { SessionStore } from '../session/session-store';
import { signValue, verifySignedValue } from '../session/signed-value';
import { userFromClaims } from './domain/oidc-user';

const PENDING_COOKIE = 'portal_oidc';
type OpenIdClient = typeof import('openid-client');

/**
 * Production sign-in: OpenID Connect, authorization code with PKCE (openid-client, a certified
 * relying party). The PKCE verifier and state wait in a short-lived signed cookie; the access
 * token the provider issues is the person's desk token (the services verify it by JWKS), and the
 * session ends when it expires.
 */
export const oidcRoutes = (
  settings: PortalSettings,
  oidc: OidcSettings,
  sessions: SessionStore,
): PortalRoute[] => {
  const cookies = sessionCookies(settings);
  const redirectUri = `${settings.publicUrl}/portal/sign-in/callback`;
  let client: Promise<{ lib: OpenIdClient; config: import('openid-client').Configuration }> | undefined;
  // Discovery happens at the first sign-in, so the portal starts while the provider is away.
  const provider = () =>
    (client ??= (async () => {
      const lib: OpenIdClient = await import('openid-client');
      const config = await lib.discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret);
      return { lib, config };
    })().catch((error) => {
      client = undefined;
      throw error;
    }));
  return [
    {
      method: 'GET',
      pattern: '/portal/sign-in',
      public: true,
      handler: async (context) => {
        const { t } = context.i18n;
        context.render({
          title: t('signIn.title'),
          notices: context.url.searchParams.has('signed-out')
            ? [{ kind: 'info', text: t('signIn.signedOut') }]
            : [],
          body: html`<p><a class="button" href="/portal/sign-in/start">${t('signIn.oidc')}</a></p>`,
        });
      },
    },
    {
      method: 'GET',
      pattern: '/portal/sign-in/start',
      public: true,
      handler: async (context) => {
        const { lib, config } = await provider();
        const verifier = lib.randomPKCECodeVerifier();
        const state = lib.randomState();
        const url = lib.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri,
          scope: oidc.scope,
          code_challenge: await lib.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
        });
        const pending = signValue(
          Buffer.from(JSON.stringify({ verifier, state })).toString('base64url'),
          settings.sessionSecret,
        );
        context.response.writeHead(303, {
          location: url.href,
          'cache-control': 'no-store',
          'set-cookie': `${PENDING_COOKIE}=${pending}; Path=/portal/sign-in; HttpOnly; SameSite=Lax; Max-Age=600${cookies.secure ? '; Secure' : ''}`,
        });
        context.response.end();
      },
    },
    {
      method: 'GET',
      pattern: '/portal/sign-in/callback',
      public: true,
      handler: async (context) => {
        const { t } = context.i18n;
        const refuse = () =>
          context.render(
            {
              title: t('signIn.title'),
              notices: [{ kind: 'error', text: t('signIn.invalidLink') }],
              body: html``,
            },
            400,
          );
        const raw = /(?:^|;\s*)portal_oidc=([^;]+)/.exec(context.request.headers.cookie ?? '')?.[1];
        const value = raw && verifySignedValue(raw, settings.sessionSecret);
        if (!value) return refuse();
        const { verifier, state } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as {
          verifier: string;
          state: string;
        };
        const { lib, config } = await provider();
        const current = new URL(`${context.url.pathname}${context.url.search}`, settings.publicUrl);
        const tokens = await lib.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: verifier,
          expectedState: state,
        });
        const accessClaims = decodeJwt(tokens.access_token);
        const user = userFromClaims({ ...(tokens.claims() ?? {}), ...accessClaims }, settings.timeZone);
        if ('refused' in user) return refuse();
        const expiresAt =
          typeof accessClaims.exp === 'number'
            ? accessClaims.exp * 1000
            : Date.now() + (tokens.expiresIn() ?? 0) * 1000;
        const session = sessions.open(user, tokens.access_token, expiresAt);
        redirect(context.response, '/portal/tickets', [
          cookies.open(session),
          `${PENDING_COOKIE}=; Path=/portal/sign-in; Max-Age=0`,
        ]);
      },
    },
  ];
};
