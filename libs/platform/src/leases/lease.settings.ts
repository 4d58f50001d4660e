import { ConfigError, loadConfig, parse } from '../config/config';
import type { LeaseTiming } from './lease';

/**
 * The timing of every lease of this process. The TTL bounds how long a standby waits for a
 * holder that died without a word (a MongoDB lease; a PostgreSQL lock frees with its
 * connection); renewals come often enough that a holder notices a failed one and stops its work
 * well before the lease expires for the others.
 */
export const loadLeaseTiming = (env: NodeJS.ProcessEnv = process.env): LeaseTiming => {
  const config = loadConfig(
    {
      LEASE_TTL_MS: {
        description: 'how long a lease lasts without renewal: the longest a standby waits for a dead holder',
        default: '10000',
        parse: parse.positiveInt,
      },
      LEASE_RENEW_MS: {
        description:
          'how often a holder renews its leases and a standby asks for them; at most a third of LEASE_TTL_MS',
        default: '2000',
        parse: parse.positiveInt,
      },
    },
    env,
  );
  if (config.LEASE_RENEW_MS * 3 > config.LEASE_TTL_MS)
    throw new ConfigError([
      `LEASE_RENEW_MS=${config.LEASE_RENEW_MS} is invalid: it must be at most a third of LEASE_TTL_MS (${config.LEASE_TTL_MS}), so a holder stops before its lease expires`,
    ]);
  return { ttlMs: config.LEASE_TTL_MS, renewMs: config.LEASE_RENEW_MS };
};
