import { cookie } from '../http/portal-response';
import type { Language } from '../i18n/i18n';
import type { Session } from './session-store';
import { signValue } from './signed-value';

export const SESSION_COOKIE = 'portal_session';
export const LANGUAGE_COOKIE = 'portal_language';
export const FLASH_COOKIE = 'portal_notice';

/**
 * The portal's cookies: the session's id, signed, HttpOnly and SameSite=Lax (Secure behind
 * https), living exactly as long as the desk token it stands for; the chosen language.
 */
export const sessionCookies = (settings: { publicUrl: string; sessionSecret: string }) => {
  const secure = settings.publicUrl.startsWith('https:');
  return {
    secure,
    open: (session: Session, now = Date.now()) =>
      cookie(SESSION_COOKIE, signValue(session.id, settings.sessionSecret), {
        secure,
        maxAgeSeconds: (session.expiresAt - now) / 1000,
      }),
    clear: () => cookie(SESSION_COOKIE, '', { secure, maxAgeSeconds: 0 }),
    language: (language: Language) =>
      cookie(LANGUAGE_COOKIE, language, { secure, maxAgeSeconds: 365 * 86400, httpOnly: false }),
  };
};
