import { join } from 'node:path';
import {
  ConfigError,
  loadAuthSettings,
  loadOutgoingMailSettings,
  OutboxTransport,
  SmtpTransport,
  loadRuntimeSettings,
  signDevToken,
  type Mode,
} from '@helpdesk/platform';
import { contactRoutes } from './administrators/contacts.page';
import { organisationRoutes } from './administrators/organisation.page';
import { releaseNotesRoutes } from './administrators/release-notes.page';
import { newTicketRoutes } from './customers/new-ticket.page';
import { ticketListRoutes } from './customers/ticket-list.page';
import { ticketRoutes } from './customers/ticket.page';
import { agentRoutes } from './agents/agent.routes';
import { DeskClient, type DeskUrls } from './desk-api/desk-client';
import { assetRoutes } from './http/asset.routes';
import { createPortal, type PortalRoute } from './portal-app';
import { loadPortalSettings, type PortalSettings } from './portal.settings';
import { SessionStore } from './session/session-store';
import { SignInLinks } from './sign-in/domain/sign-in-links';
import { emailLinkRoutes } from './sign-in/email-link.routes';
import { oidcRoutes } from './sign-in/oidc.routes';
import { PeopleDirectory } from './sign-in/people-directory';
import { sessionRoutes } from './sign-in/session.routes';

export interface PortalOptions {
  mode: Mode;
  env?: NodeJS.ProcessEnv;
  /** Standalone: the desk this process runs, known once it listens. */
  deskUrls?: () => DeskUrls;
  log?: (line: Record<string, unknown>) => void;
}

/** The pages every signed-in person reaches; the agents' pages join this list. */
const pageRoutes = (desk: { hotline: string }): PortalRoute[] => [
  ...ticketListRoutes(),
  ...newTicketRoutes(),
  ...ticketRoutes(desk.hotline),
  ...contactRoutes(),
  ...organisationRoutes(),
  ...releaseNotesRoutes(),
  ...agentRoutes(),
];

/** The desk's name and hotline, as the notifications service tells them in its mails. */
const deskDetails = (mode: Mode, env: NodeJS.ProcessEnv) =>
  // The portal sends no notifications: only the desk's details are read, whatever the transport.
  loadOutgoingMailSettings(mode, { ...env, MAIL_TRANSPORT: 'outbox' }).desk;

/** Every setting the portal reads, checked with the rest of the process's before anything starts. */
export const checkPortalSettings = (env: NodeJS.ProcessEnv, mode: Mode) => {
  const settings = loadPortalSettings(mode, env);
  if (settings.signIn === 'email-link') emailLinkSettings(mode, env);
  return settings;
};

/** What signing in by e-mail needs: the desk's mail settings and the secret the desk verifies tokens with. */
const emailLinkSettings = (mode: Mode, env: NodeJS.ProcessEnv) => {
  const mail = loadOutgoingMailSettings(mode, env);
  const auth = loadAuthSettings({ allowDevelopmentSecret: env.NODE_ENV !== 'production' }, env);
  if (!auth.jwtSecret)
    throw new ConfigError([
      'PORTAL_SIGN_IN=email-link needs AUTH_JWT_SECRET: the portal signs the desk tokens itself',
    ]);
  return { mail, auth, dataDir: loadRuntimeSettings(mode, env).dataDir };
};

/** The portal, assembled from its settings: sign-in by e-mail link (standalone) or OIDC, and its pages. */
export const buildPortal = (options: PortalOptions) => {
  const env = options.env ?? process.env;
  const settings: PortalSettings = loadPortalSettings(options.mode, env);
  const sessions = new SessionStore();
  const deskUrls =
    options.deskUrls ??
    (() => {
      if (!settings.deskUrls) throw new Error('the desk’s URLs are not known');
      return settings.deskUrls;
    });
  const routes: PortalRoute[] = [
    ...assetRoutes(),
    ...sessionRoutes(settings, sessions),
    ...pageRoutes(deskDetails(options.mode, env)),
  ];
  let close = async () => {};
  if (settings.signIn === 'email-link') {
    const { mail, auth, dataDir } = emailLinkSettings(options.mode, env);
    const secret = auth.jwtSecret!;
    const transport =
      mail.transport.kind === 'smtp'
        ? new SmtpTransport(mail.transport.url)
        : new OutboxTransport(join(dataDir, 'outbox'));
    close = () => transport.close();
    // The portal's own look-ups (who an address is) run as a system with read access to contacts only.
    const systemDesk = async () =>
      new DeskClient(
        deskUrls(),
        await signDevToken(
          secret,
          { id: 'portal', role: 'system' },
          {
            expiresIn: '5m',
            scopes: ['contacts:read'],
            issuer: auth.issuer,
            audience: auth.audience,
          },
        ),
      );
    routes.push(
      ...emailLinkRoutes({
        settings,
        links: new SignInLinks({ ttlMs: settings.linkTtlSeconds * 1000, perHour: settings.linksPerHour }),
        people: new PeopleDirectory(systemDesk, mail.agentEmailDomain, settings.timeZone),
        sessions,
        transport,
        mail: { from: mail.from, deskName: mail.desk.name },
        tokenSecret: secret,
        tokenClaims: { issuer: auth.issuer, audience: auth.audience },
        log: options.log,
      }),
    );
  }
  if (settings.signIn === 'oidc' && settings.oidc)
    routes.push(...oidcRoutes(settings, settings.oidc, sessions));
  const portal = createPortal({ settings, sessions, deskUrls, routes, log: options.log });
  return { ...portal, settings, close };
};
