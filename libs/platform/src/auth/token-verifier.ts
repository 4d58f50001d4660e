import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ROLES, type Principal, type Role } from './principal';
import { DEFAULT_SCOPES, isScope, type Scope, SCOPES } from './scopes';
import { cachedUntilExpiry, type Verification } from './verified-token-cache';

export interface AuthSettings {
  /** HS256 shared secret (development and standalone). */
  jwtSecret?: string;
  /** JWKS endpoint of the OIDC issuer (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** The longest a token may live, from `iat` (or now) to `exp`, in seconds. */
  maxLifetimeSeconds?: number;
}

export class InvalidTokenError extends Error {}

/** Who calls, and what this token lets them do. */
export interface VerifiedToken {
  principal: Principal;
  scopes: ReadonlySet<Scope>;
}

export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/**
 * Verifies a bearer token's signature and expiry, then reads the principal from its claims; a
 * token verified once is not verified again before its expiry (see cachedUntilExpiry).
 */
export const createTokenVerifier = (settings: AuthSettings): TokenVerifier => {
  const key: Uint8Array | JWTVerifyGetKey = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : new TextEncoder().encode(required(settings.jwtSecret));
  const options = {
    algorithms: settings.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : ['HS256'],
    issuer: settings.issuer,
    audience: settings.audience,
    // jose checks exp and nbf when present; a token that never expires is not accepted at all.
    requiredClaims: ['exp'],
  };
  const verifyOnce = async (token: string): Promise<Verification> => {
    let payload: JWTPayload;
    try {
      ({ payload } =
        key instanceof Uint8Array
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options));
    } catch (error) {
      throw new InvalidTokenError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    if (settings.maxLifetimeSeconds !== undefined) {
      const from = payload.iat ?? Math.floor(Date.now() / 1000);
      if (payload.exp! - from > settings.maxLifetimeSeconds)
        throw new InvalidTokenError(
          `the bearer token is not valid: it lives longer than the ${settings.maxLifetimeSeconds} s allowed (AUTH_MAX_TOKEN_LIFETIME)`,
        );
    }
    const principal = principalFrom(payload);
    const verified = { principal, scopes: scopesFrom(payload, principal.role) };
    return { verified, expiresAtMs: payload.exp! * 1000 };
  };
  return cachedUntilExpiry(verifyOnce);
};

/** The token's `scope` claim (space-separated), or its role's defaults when it has none. */
export const scopesFrom = (claims: JWTPayload, role: Role): ReadonlySet<Scope> => {
  const { scope } = claims as { scope?: unknown };
  if (scope === undefined) return new Set(DEFAULT_SCOPES[role]);
  if (typeof scope !== 'string')
    throw new InvalidTokenError("the token's scope must be a space-separated string");
  const given = scope.split(' ').filter(Boolean);
  const unknown = given.filter((s) => !isScope(s));
  if (unknown.length)
    throw new InvalidTokenError(
      `the token has unknown scopes ${unknown.join(', ')}; known are ${SCOPES.join(' ')}`,
    );
  return new Set(given as Scope[]);
};

export const principalFrom = (claims: JWTPayload): Principal => {
  const { sub, role, org } = claims as { sub?: unknown; role?: unknown; org?: unknown };
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('the token has no subject (sub)');
  if (!ROLES.includes(role as Role)) {
    throw new InvalidTokenError(`the token's role must be one of ${ROLES.join(', ')}`);
  }
  const principal: Principal = { id: sub, role: role as Role };
  if (role === 'customer_admin' || role === 'customer_employee') {
    if (typeof org !== 'string' || org === '') {
      throw new InvalidTokenError('a customer token must name its organisation (org)');
    }
    principal.organisationId = org;
  } else if (typeof org === 'string' && org !== '') {
    principal.organisationId = org;
  }
  return principal;
};

/** Signs an HS256 token, for development tokens and tests. */
export const signDevToken = (
  secret: string,
  principal: Principal,
  options: { expiresIn?: string; issuer?: string; audience?: string; scopes?: readonly string[] } = {},
) => {
  let jwt = new SignJWT({
    role: principal.role,
    ...(options.scopes ? { scope: options.scopes.join(' ') } : {}),
    ...(principal.organisationId ? { org: principal.organisationId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.id)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
};

const required = (secret: string | undefined) => {
  if (!secret) throw new Error('set AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL (OIDC issuer keys)');
  return secret;
};
