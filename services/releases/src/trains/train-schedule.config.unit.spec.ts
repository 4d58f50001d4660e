import { ConfigError } from '@helpdesk/platform';
import { loadTrainSchedule } from './train-schedule.config';

describe('the release train configuration', () => {
  it('runs every 14 days, 4 trains ahead, from a default start when nothing is configured', () => {
    expect(loadTrainSchedule({})).toEqual({ startDate: '2026-01-06', cadenceDays: 14, horizon: 4 });
  });

  it('takes the configured start, cadence and horizon', () => {
    expect(
      loadTrainSchedule({
        RELEASE_TRAIN_START: '2027-03-02',
        RELEASE_TRAIN_CADENCE_DAYS: '7',
        RELEASE_TRAIN_HORIZON: '8',
      }),
    ).toEqual({ startDate: '2027-03-02', cadenceDays: 7, horizon: 8 });
  });

  it('refuses wrong values, naming every one', () => {
    const load = () =>
      loadTrainSchedule({
        RELEASE_TRAIN_START: '2027-02-30',
        RELEASE_TRAIN_CADENCE_DAYS: 'two weeks',
        RELEASE_TRAIN_HORIZON: '53',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/RELEASE_TRAIN_START="2027-02-30" is invalid: expected a date like 2026-01-06/);
    expect(load).toThrow(/RELEASE_TRAIN_CADENCE_DAYS="two weeks" is invalid: expected a positive integer/);
    expect(load).toThrow(/RELEASE_TRAIN_HORIZON="53" is invalid: expected at most 52/);
  });
});
