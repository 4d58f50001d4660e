import { ROLES, type Role } from '@helpdesk/platform';
import { isLanguage } from '../../i18n/i18n';
import type { PortalUser } from '../../session/session-store';

/**
 * Who the identity provider says signed in, from the access token's claims (the same `sub`,
 * `role` and `org` the desk's services read from it) and the ID token's profile claims. A token
 * the desk would refuse (no role, a customer without organisation) signs nobody in here either.
 */
export const userFromClaims = (
  claims: Record<string, unknown>,
  timeZone: string,
): PortalUser | { refused: string } => {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const role = claims.role as Role;
  if (!sub) return { refused: 'the token names no subject (sub)' };
  if (!ROLES.includes(role) || role === 'system') return { refused: 'the token names no portal role (role)' };
  const organisationId = typeof claims.org === 'string' ? claims.org : undefined;
  if (role !== 'agent' && !organisationId)
    return { refused: 'a customer token must name its organisation (org)' };
  const email = typeof claims.email === 'string' ? claims.email : '';
  const locale = typeof claims.locale === 'string' ? claims.locale.slice(0, 2).toLowerCase() : '';
  return {
    id: sub,
    role,
    organisationId,
    name: typeof claims.name === 'string' && claims.name ? claims.name : email || sub,
    email,
    language: isLanguage(locale) ? locale : 'en',
    timeZone: typeof claims.zoneinfo === 'string' ? claims.zoneinfo : timeZone,
  };
};
