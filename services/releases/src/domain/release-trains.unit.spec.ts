import { plannedTrains } from './release-trains';

const schedule = { startDate: '2026-12-08' };
const dates = (trains: { plannedDate: string }[]) => trains.map((train) => train.plannedDate);

describe('two-weekly release trains', () => {
  it('plans the next four trains every fourteen days from the start date', () =>
    expect(plannedTrains(schedule, '2026-12-01')).toEqual([
      { releaseId: 'train-2026-12-08', version: '2026.12.08', plannedDate: '2026-12-08' },
      { releaseId: 'train-2026-12-22', version: '2026.12.22', plannedDate: '2026-12-22' },
      { releaseId: 'train-2027-01-05', version: '2027.01.05', plannedDate: '2027-01-05' },
      { releaseId: 'train-2027-01-19', version: '2027.01.19', plannedDate: '2027-01-19' },
    ]));

  it('gives every run the same ids, so planning twice plans nothing new', () =>
    expect(plannedTrains(schedule, '2026-12-15')).toEqual(plannedTrains(schedule, '2026-12-15')));

  it("keeps today's train until its day has passed", () =>
    expect(dates(plannedTrains({ ...schedule, horizon: 2 }, '2026-12-22'))).toEqual([
      '2026-12-22',
      '2027-01-05',
    ]));

  it('moves on the day after a train', () =>
    expect(dates(plannedTrains({ ...schedule, horizon: 1 }, '2026-12-23'))).toEqual(['2027-01-05']));

  it('keeps its rhythm across the year end and leap days', () =>
    expect(dates(plannedTrains({ startDate: '2027-12-28', horizon: 6 }, '2028-02-01'))).toEqual([
      '2028-02-08',
      '2028-02-22',
      '2028-03-07',
      '2028-03-21',
      '2028-04-04',
      '2028-04-18',
    ]));

  it('is untouched by daylight saving time: trains are days, not instants', () =>
    expect(dates(plannedTrains({ startDate: '2026-03-17', horizon: 3 }, '2026-03-18'))).toEqual([
      '2026-03-31',
      '2026-04-14',
      '2026-04-28',
    ]));

  it('follows another cadence when configured', () =>
    expect(dates(plannedTrains({ ...schedule, cadenceDays: 7, horizon: 3 }, '2026-12-09'))).toEqual([
      '2026-12-15',
      '2026-12-22',
      '2026-12-29',
    ]));

  it('writes week versions with the ISO week year across the year end', () =>
    expect(
      plannedTrains(
        { startDate: '2026-12-31', cadenceDays: 7, horizon: 2, versionFormat: '{isoWeekYear}.{isoWeek}' },
        '2026-12-01',
      ).map((train) => train.version),
    ).toEqual(['2026.53', '2027.01']));

  it('refuses a misconfigured train', () =>
    expect(() => plannedTrains({ ...schedule, cadenceDays: 0 }, '2026-12-01')).toThrow(
      expect.objectContaining({ code: 'invalid_train_schedule' }),
    ));

  it('refuses an unknown version token, naming it', () =>
    expect(() => plannedTrains({ ...schedule, versionFormat: '{year}.{mm}' }, '2026-12-01')).toThrow(
      expect.objectContaining({ code: 'invalid_train_schedule', message: expect.stringContaining('{year}') }),
    ));
});
