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
    },
    environment,
  );
  const settings: AuthSettings = {
    jwtSecret: env.AUTH_JWT_SECRET || undefined,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_ISSUER || undefined,
    audience: env.AUTH_AUDIENCE || undefined,
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
