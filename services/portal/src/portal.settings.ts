import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, parse, parseLifetime, type Mode } from '@helpdesk/platform';
import type { DeskUrls } from './desk-api/desk-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  scope: string;
}

export interface PortalSettings {
  /** Where people reach the portal: links in mails and the OIDC redirect are built from it. */
  publicUrl: string;
  /** The desk's APIs; undefined in standalone mode until the desk listens (then it is the desk itself). */
  deskUrls?: DeskUrls;
  sessionSecret: string;
  signIn: 'email-link' | 'oidc';
  oidc?: OidcSettings;
  /** How long a session (and the desk token it holds) lasts when the portal signs the token itself. */
  sessionTtlSeconds: number;
  linkTtlSeconds: number;
  linksPerHour: number;
  timeZone: string;
  formMaxBytes: number;
}

const optional = (description: string) => ({ description, default: '', parse: parse.string });

const timeZone = (raw: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
  } catch {
    throw new Error('expected an IANA time zone, e.g. Europe/Amsterdam');
  }
  return raw;
};

/**
 * The portal's settings, validated at start with every other part's. Standalone needs none: it
 * signs in by e-mail link, talks to the desk it runs in and keeps a random session secret (a
 * restart signs everyone out). Distributed, it names the services and its identity provider.
 */
export const loadPortalSettings = (mode: Mode, env: NodeJS.ProcessEnv = process.env): PortalSettings => {
  const standalone = mode === 'standalone';
  const config = loadConfig(
    {
      PORTAL_URL: {
        description: 'where people reach the portal (links in mails, the OIDC redirect)',
        default: standalone ? `http://${env.HOST || '127.0.0.1'}:${env.PORT || '3000'}` : '',
        parse: (raw: string) => (raw ? parse.url('http', 'https')(raw).replace(/\/$/, '') : raw),
      },
      PORTAL_API_URL: optional("the desk's APIs behind one address (an ingress routing by path)"),
      PORTAL_TICKETS_URL: optional("the tickets service's API (default PORTAL_API_URL)"),
      PORTAL_CONTACTS_URL: optional("the contacts service's API (default PORTAL_API_URL)"),
      PORTAL_SLA_URL: optional("the sla-monitor service's API (default PORTAL_API_URL)"),
      PORTAL_NOTIFICATIONS_URL: optional("the notifications service's API (default PORTAL_API_URL)"),
      PORTAL_RELEASES_URL: optional("the releases service's API (default PORTAL_API_URL)"),
      PORTAL_SESSION_SECRET: optional('signs the session cookie; at least 32 characters'),
      PORTAL_SIGN_IN: {
        description: 'email-link (standalone) or oidc',
        default: standalone ? 'email-link' : 'oidc',
        parse: parse.oneOf('email-link', 'oidc'),
      },
      PORTAL_OIDC_ISSUER: optional(
        "the identity provider's issuer URL (discovery at /.well-known/openid-configuration)",
      ),
      PORTAL_OIDC_CLIENT_ID: optional("the portal's client id at the identity provider"),
      PORTAL_OIDC_CLIENT_SECRET: optional('its client secret (none: a public client, PKCE only)'),
      PORTAL_OIDC_SCOPE: {
        description: 'scopes asked for',
        default: 'openid email profile',
        parse: parse.string,
      },
      PORTAL_SESSION_TTL: {
        description: 'how long a session signed in by e-mail link lasts',
        default: '8h',
        parse: parseLifetime,
      },
      PORTAL_LINK_TTL: { description: 'how long a sign-in link works', default: '15m', parse: parseLifetime },
      PORTAL_LINKS_PER_HOUR: {
        description: 'sign-in links one address may ask for an hour',
        default: '5',
        parse: parse.positiveInt,
      },
      PORTAL_TIME_ZONE: {
        description: "dates for agents, and for employees (who do not see their organisation's)",
        default: 'Europe/Amsterdam',
        parse: timeZone,
      },
      PORTAL_FORM_MAX_BYTES: {
        description: 'the largest form (with its attachment) the portal reads',
        default: String(26 * 1024 * 1024),
        parse: parse.positiveInt,
      },
    },
    env,
  );
  const problems: string[] = [];
  const url = (name: string, raw: string) => {
    if (!raw) return raw;
    try {
      return parse.url('http', 'https')(raw);
    } catch (error) {
      problems.push(`${name} is invalid: ${(error as Error).message}`);
      return raw;
    }
  };
  const api = url('PORTAL_API_URL', config.PORTAL_API_URL);
  const urls = {
    tickets: url('PORTAL_TICKETS_URL', config.PORTAL_TICKETS_URL) || api,
    contacts: url('PORTAL_CONTACTS_URL', config.PORTAL_CONTACTS_URL) || api,
    slaMonitor: url('PORTAL_SLA_URL', config.PORTAL_SLA_URL) || api,
    notifications: url('PORTAL_NOTIFICATIONS_URL', config.PORTAL_NOTIFICATIONS_URL) || api,
    releases: url('PORTAL_RELEASES_URL', config.PORTAL_RELEASES_URL) || api,
  };
  const missing = Object.entries(urls).filter(([, value]) => !value);
  if (!standalone && missing.length > 0)
    problems.push(`PORTAL_API_URL (or each of the services' URLs) is required: where the desk's APIs are`);
  if (!config.PORTAL_URL) problems.push('PORTAL_URL is required: where people reach the portal');
  if (!standalone && !config.PORTAL_SESSION_SECRET)
    problems.push('PORTAL_SESSION_SECRET is required: it signs the session cookie');
  if (config.PORTAL_SESSION_SECRET && config.PORTAL_SESSION_SECRET.length < 32)
    problems.push('PORTAL_SESSION_SECRET must be at least 32 characters');
  let oidc: OidcSettings | undefined;
  if (config.PORTAL_SIGN_IN === 'oidc') {
    if (!config.PORTAL_OIDC_ISSUER) problems.push('PORTAL_OIDC_ISSUER is required with PORTAL_SIGN_IN=oidc');
    else url('PORTAL_OIDC_ISSUER', config.PORTAL_OIDC_ISSUER);
    if (!config.PORTAL_OIDC_CLIENT_ID)
      problems.push('PORTAL_OIDC_CLIENT_ID is required with PORTAL_SIGN_IN=oidc');
    oidc = {
      issuer: config.PORTAL_OIDC_ISSUER,
      clientId: config.PORTAL_OIDC_CLIENT_ID,
      clientSecret: config.PORTAL_OIDC_CLIENT_SECRET || undefined,
      scope: config.PORTAL_OIDC_SCOPE,
    };
  }
  if (config.PORTAL_SIGN_IN === 'email-link' && !standalone)
    problems.push(
      'PORTAL_SIGN_IN=email-link works in standalone mode only: the portal signs the desk tokens itself there',
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    publicUrl: config.PORTAL_URL,
    deskUrls: missing.length === 0 ? (urls as DeskUrls) : undefined,
    sessionSecret: config.PORTAL_SESSION_SECRET || randomBytes(32).toString('base64url'),
    signIn: config.PORTAL_SIGN_IN,
    oidc,
    sessionTtlSeconds: config.PORTAL_SESSION_TTL,
    linkTtlSeconds: config.PORTAL_LINK_TTL,
    linksPerHour: config.PORTAL_LINKS_PER_HOUR,
    timeZone: config.PORTAL_TIME_ZONE,
    formMaxBytes: config.PORTAL_FORM_MAX_BYTES,
  };
};
