import { ConfigError, loadConfig, parse } from '../config/config';
import type { AuthSettings } from './token-verifier';

/**
 * The secret `npm start` uses when none is configured, so the desk runs on embedded
 * defaults. Never accepted in distributed mode, where a real secret or JWKS URL is required.
 */
export const DEVELOPMENT_JWT_SECRET = 'helpdesk-development-secret-do-not-use-in-production';

const optional = { description: '', default: '', parse: parse.string };

export const loadAuthSettings = (
  options: { allowDevelopmentSecret: boolean },
  environment: NodeJS.ProcessEnv = process.env,
): AuthSettings => {
  const env = loadConfig(
    {
      AUTH_JWT_SECRET: { ...optional, description: 'HS256 secret for bearer tokens' },
      AUTH_JWKS_URL: { ...optional, description: 'JWKS URL of the OIDC issuer' },
      AUTH_ISSUER: { ...optional, description: 'expected token issuer (iss)' },
      AUTH_AUDIENCE: { ...optional, description: 'expected token audience (aud)' },
      AUTH_MAX_TOKEN_LIFETIME: {
        description: 'the longest a bearer token may live from iat to exp: seconds, or 90m, 24h, 7d',
        default: '24h',
        parse: parseLifetime,
      },
    },
    environment,
  );
  const settings: AuthSettings = {
    jwtSecret: env.AUTH_JWT_SECRET || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || undefined,
    maxLifetimeSeconds: env.AUTH_MAX_TOKEN_LIFETIME,
  };
  if (settings.jwksUrl) {
    try {
      parse.url('https', 'http')(settings.jwksUrl);
    } catch (error) {
      throw new ConfigError([`AUTH_JWKS_URL is invalid: ${(error as Error).message}`]);
    }
  }
  if (!settings.jwtSecret && !settings.jwksUrl) {
    if (!options.allowDevelopmentSecret) {
      throw new ConfigError(['AUTH_JWT_SECRET or AUTH_JWKS_URL is required: how bearer tokens are verified']);
    }
    settings.jwtSecret = DEVELOPMENT_JWT_SECRET;
  }
  if (settings.jwtSecret && settings.jwtSecret.length < 32 && !options.allowDevelopmentSecret) {
    throw new ConfigError(['AUTH_JWT_SECRET must be at least 32 characters']);
  }
  return settings;
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `90m`, `24h`, `7d`: seconds. */
export const parseLifetime = (raw: string) => {
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!match || Number(match[1]) <= 0) throw new Error('expected seconds, or a number with s, m, h or d');
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
};
