import { ConfigError } from '../config/config';
import { loadLeaseTiming } from './lease.settings';

describe('lease timing', () => {
  it('defaults to a 10 s TTL renewed every 2 s', () => {
    expect(loadLeaseTiming({})).toEqual({ ttlMs: 10000, renewMs: 2000 });
  });

  it('refuses renewals too rare to stop a holder before its lease expires', () => {
    expect(() => loadLeaseTiming({ LEASE_TTL_MS: '3000', LEASE_RENEW_MS: '1500' })).toThrow(
      /LEASE_RENEW_MS=1500 is invalid: it must be at most a third of LEASE_TTL_MS \(3000\)/,
    );
  });

  it('names every setting that is not a positive number', () => {
    try {
      loadLeaseTiming({ LEASE_TTL_MS: 'soon', LEASE_RENEW_MS: '0' });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringContaining('LEASE_TTL_MS="soon" is invalid'),
        expect.stringContaining('LEASE_RENEW_MS="0" is invalid'),
      ]);
    }
  });
});
