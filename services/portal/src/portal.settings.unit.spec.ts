import { ConfigError } from '@helpdesk/platform';
import { loadPortalSettings } from './portal.settings';

const problemsOf = (run: () => unknown) => {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('the portal settings', () => {
  it('need nothing in standalone mode: e-mail links, the desk itself, a random session secret', () => {
    const settings = loadPortalSettings('standalone', { PORT: '3900' });
    expect(settings).toMatchObject({
      signIn: 'email-link',
      publicUrl: 'http://127.0.0.1:3900',
      deskUrls: undefined,
    });
    expect(settings.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('name every missing setting of a distributed portal at once', () => {
    expect(problemsOf(() => loadPortalSettings('distributed', {}))).toEqual([
      "PORTAL_API_URL (or each of the services' URLs) is required: where the desk's APIs are",
      'PORTAL_URL is required: where people reach the portal',
      'PORTAL_SESSION_SECRET is required: it signs the session cookie',
      'PORTAL_OIDC_ISSUER is required with PORTAL_SIGN_IN=oidc',
      'PORTAL_OIDC_CLIENT_ID is required with PORTAL_SIGN_IN=oidc',
    ]);
  });

  it('refuse e-mail links outside standalone, a short secret and a wrong URL', () => {
    const problems = problemsOf(() =>
      loadPortalSettings('distributed', {
        PORTAL_SIGN_IN: 'email-link',
        PORTAL_URL: 'https://support.vendor.example',
        PORTAL_API_URL: 'not a url',
        PORTAL_SESSION_SECRET: 'short',
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORTAL_API_URL is invalid: expected a URL',
        'PORTAL_SESSION_SECRET must be at least 32 characters',
        expect.stringContaining('PORTAL_SIGN_IN=email-link works in standalone mode only'),
      ]),
    );
  });

  it('refuse a time zone that does not exist', () => {
    expect(problemsOf(() => loadPortalSettings('standalone', { PORTAL_TIME_ZONE: 'Mars/Olympus' }))).toEqual([
      expect.stringContaining('PORTAL_TIME_ZONE="Mars/Olympus" is invalid: expected an IANA time zone'),
    ]);
  });

  it('take a complete OpenID Connect configuration', () => {
    const settings = loadPortalSettings('distributed', {
      PORTAL_URL: 'https://support.vendor.example/',
      PORTAL_API_URL: 'https://api.vendor.example',
      PORTAL_SESSION_SECRET: 's'.repeat(32),
      PORTAL_OIDC_ISSUER: 'https://login.vendor.example/realms/desk',
      PORTAL_OIDC_CLIENT_ID: 'portal',
    });
    expect(settings).toMatchObject({
      publicUrl: 'https://support.vendor.example',
      signIn: 'oidc',
      oidc: {
        issuer: 'https://login.vendor.example/realms/desk',
        clientId: 'portal',
        scope: 'openid email profile',
      },
      deskUrls: { tickets: 'https://api.vendor.example', releases: 'https://api.vendor.example' },
    });
  });
});
