import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { child, isRecord, type Problem, unknownKeys } from '../problems';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A support calendar as data. `officeHours` lists the open ranges per weekday as `HH:MM-HH:MM`
 * in local time (`24:00` ends at midnight); a weekday left out is closed. `'24/7'` counts every
 * second, holidays included: round-the-clock support does not stop for Christmas.
 */
export interface CalendarDefinition {
  /** IANA time zone; default Europe/Amsterdam. */
  zone?: string;
  officeHours: Partial<Record<Weekday, string[]>> | '24/7';
  /** Public holidays of a country (and region), from date-holidays' `public` type; default NL. null: none. */
  holidays?: { country: string; region?: string } | null;
  /** Further closed local dates, `YYYY-MM-DD` (a company day off, Bevrijdingsdag in a lustrum year). */
  closedDates?: string[];
}

export const DEFAULT_ZONE = 'Europe/Amsterdam';
export const DEFAULT_HOLIDAYS = { country: 'NL' };

const RANGE = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An open range as minutes after local midnight, or undefined when it is not a valid range. */
export const parseRange = (range: string): { from: number; to: number } | undefined => {
  const match = RANGE.exec(range);
  if (!match) return undefined;
  const [fromH, fromM, toH, toM] = match.slice(1).map(Number);
  const from = fromH * 60 + fromM;
  const to = toH * 60 + toM;
  const valid = fromH < 24 && fromM < 60 && toM < 60 && to <= 24 * 60 && from < to;
  return valid ? { from, to } : undefined;
};

export const calendarProblems = (value: unknown, path: string): Problem[] => {
  if (!isRecord(value)) return [{ path, message: 'must be an object' }];
  return [
    ...unknownKeys(value, ['zone', 'officeHours', 'holidays', 'closedDates'], path),
    ...zoneProblems(value.zone, child(path, 'zone')),
    ...officeHoursProblems(value.officeHours, child(path, 'officeHours')),
    ...holidaysProblems(value.holidays, child(path, 'holidays')),
    ...closedDatesProblems(value.closedDates, child(path, 'closedDates')),
  ];
};

const zoneProblems = (zone: unknown, path: string): Problem[] => {
  if (zone === undefined) return [];
  if (typeof zone !== 'string' || !DateTime.local().setZone(zone).isValid)
    return [{ path, message: `must be an IANA time zone such as ${DEFAULT_ZONE}` }];
  return [];
};

const officeHoursProblems = (hours: unknown, path: string): Problem[] => {
  if (hours === '24/7') return [];
  if (!isRecord(hours)) return [{ path, message: "must be '24/7' or ranges per weekday (mon..sun)" }];
  const problems = unknownKeys(hours, WEEKDAYS, path);
  for (const day of WEEKDAYS) {
    const ranges = hours[day];
    if (ranges === undefined) continue;
    if (!Array.isArray(ranges)) {
      problems.push({ path: child(path, day), message: "must be a list of ranges such as '09:00-17:30'" });
      continue;
    }
    const parsed = ranges.map((range, index) => {
      const valid = typeof range === 'string' ? parseRange(range) : undefined;
      if (!valid)
        problems.push({
          path: child(child(path, day), index),
          message: "must be a range such as '09:00-17:30'",
        });
      return valid;
    });
    parsed.forEach((range, index) => {
      const previous = parsed[index - 1];
      if (range && previous && range.from < previous.to)
        problems.push({
          path: child(child(path, day), index),
          message: 'must start after the previous range ends',
        });
    });
  }
  const open = WEEKDAYS.some((day) => (hours[day] as unknown[] | undefined)?.length);
  if (!open) problems.push({ path, message: 'must open on at least one weekday' });
  return problems;
};

const holidaysProblems = (holidays: unknown, path: string): Problem[] => {
  if (holidays === undefined || holidays === null) return [];
  if (!isRecord(holidays) || typeof holidays.country !== 'string')
    return [{ path, message: "must be { country, region? } such as { country: 'NL' }, or null" }];
  const problems = unknownKeys(holidays, ['country', 'region'], path);
  const known = new Holidays();
  if (!known.getCountries()?.[holidays.country])
    return [
      ...problems,
      { path: child(path, 'country'), message: `${holidays.country} is not a known country code` },
    ];
  if (holidays.region !== undefined && !known.getStates(holidays.country)?.[String(holidays.region)])
    problems.push({
      path: child(path, 'region'),
      message: `${String(holidays.region)} is not a known region of ${holidays.country}`,
    });
  return problems;
};

const closedDatesProblems = (dates: unknown, path: string): Problem[] => {
  if (dates === undefined) return [];
  if (!Array.isArray(dates)) return [{ path, message: 'must be a list of dates (YYYY-MM-DD)' }];
  return dates.flatMap((date, index) =>
    typeof date === 'string' && DATE.test(date) && DateTime.fromISO(date).isValid
      ? []
      : [{ path: child(path, index), message: 'must be a date (YYYY-MM-DD)' }],
  );
};
