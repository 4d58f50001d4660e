import { ConfigError } from '@helpdesk/platform';
import { loadRetentionSettings } from './retention.settings';

describe('retention settings', () => {
  it('are off by default, sweeping hourly once on', () => {
    expect(loadRetentionSettings({})).toEqual({ days: undefined, sweepMs: 3600000 });
    expect(loadRetentionSettings({ PERSONAL_DATA_RETENTION_DAYS: '' }).days).toBeUndefined();
  });

  it('take a positive number of days and a sweep interval', () =>
    expect(
      loadRetentionSettings({
        PERSONAL_DATA_RETENTION_DAYS: '365',
        PERSONAL_DATA_RETENTION_SWEEP_MS: '60000',
      }),
    ).toEqual({ days: 365, sweepMs: 60000 }));

  it.each(['0', '-3', '1.5', 'a year', '30d'])('refuse %p days, naming the variable', (days) => {
    expect(() => loadRetentionSettings({ PERSONAL_DATA_RETENTION_DAYS: days })).toThrow(ConfigError);
    expect(() => loadRetentionSettings({ PERSONAL_DATA_RETENTION_DAYS: days })).toThrow(
      /PERSONAL_DATA_RETENTION_DAYS=.* is invalid: expected a positive integer/,
    );
  });

  it('refuse a sweep interval that is not a positive integer', () =>
    expect(() => loadRetentionSettings({ PERSONAL_DATA_RETENTION_SWEEP_MS: '0' })).toThrow(
      /PERSONAL_DATA_RETENTION_SWEEP_MS/,
    ));
});
