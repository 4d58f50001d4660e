import { join } from 'node:path';
import {
  ConfigError,
  loadAuthSettings,
  loadRuntimeSettings,
  signDevToken,
  type Mode,
} from '@helpdesk/platform';
import { OutboxTransport } from '../../notifications/src/adapters/outbox-transport';
import { SmtpTransport } from '../../notifications/src/adapters/smtp-transport';
import { loadNotificationSettings } from '../../notifications/src/notifications.settings';
import { ticketListRoutes } from './customers/ticket-list.page';
import { agentRoutes } from './agents/agent.routes';
import { DeskClient, type DeskUrls } from './desk-api/desk-client';
import { assetRoutes } from './http/asset.routes';
import { createPortal, type PortalRoute } from './portal-app';
import { loadPortalSettings, type PortalSettings } from './portal.settings';
import { SessionStore } from './session/session-store';
import { SignInLinks } from './sign-in/domain/sign-in-links';
import { emailLinkRoutes } from './sign-in/email-link.routes';
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
const pageRoutes = (): PortalRoute[] => [...ticketListRoutes(), ...agentRoutes()];

/** Every setting the portal reads, checked with the rest of the process's before anything starts. */
export const checkPortalSettings = (env: NodeJS.ProcessEnv, mode: Mode) => {
  const settings = loadPortalSettings(mode, env);
  if (settings.signIn === 'email-link') emailLinkSettings(mode, env);
  return settings;
};

/** What signing in by e-mail needs: the desk's mail settings and the secret the desk verifies tokens with. */
const emailLinkSettings = (mode: Mode, env: NodeJS.ProcessEnv) => {
  const mail = loadNotificationSettings(mode, env);
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
  const routes: PortalRoute[] = [...assetRoutes(), ...sessionRoutes(settings, sessions), ...pageRoutes()];
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
  const portal = createPortal({ settings, sessions, deskUrls, routes, log: options.log });
  return { ...portal, settings, close };
};
