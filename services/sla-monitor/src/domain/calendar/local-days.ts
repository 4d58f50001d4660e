import { DateTime } from 'luxon';
import type { Weekday } from './calendar-definition';

/**
 * A local calendar date as a whole number of days since 1970-01-01, so that walking through
 * days is `day + 1` and days can key a cache. Pure arithmetic: no time zone is involved.
 */
export type DayNumber = number;

const DAY_MS = 86_400_000;
const WEEKDAY_BY_UTC_DAY: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The local day an instant falls on. Asking the time zone database (Intl) costs microseconds per
 * call, so each zone's midnights are looked up once per day and the day is found between them:
 * with offsets within ±14 hours it is the UTC day or one next to it.
 */
export const localDayOf = (instantMs: number, zone: string): DayNumber => {
  let day = Math.floor(instantMs / DAY_MS);
  while (midnightOf(day, zone) > instantMs) day--;
  while (midnightOf(day + 1, zone) <= instantMs) day++;
  return day;
};

const midnights = new Map<string, Map<DayNumber, number>>();

const midnightOf = (day: DayNumber, zone: string) => {
  let ofZone = midnights.get(zone);
  if (!ofZone) midnights.set(zone, (ofZone = new Map()));
  let midnight = ofZone.get(day);
  if (midnight === undefined) ofZone.set(day, (midnight = instantOf(day, 0, zone)));
  return midnight;
};

export const isoDateOf = (day: DayNumber) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const weekdayOf = (day: DayNumber): Weekday => WEEKDAY_BY_UTC_DAY[new Date(day * DAY_MS).getUTCDay()];

/**
 * The instant a local wall-clock time happens on a day. Minutes may be 24:00 (the next midnight).
 * A time that does not exist (skipped by a spring-forward) moves forward with the clocks.
 */
export const instantOf = (day: DayNumber, minutesAfterMidnight: number, zone: string): number => {
  const date = new Date((day + Math.floor(minutesAfterMidnight / 1440)) * DAY_MS);
  const minutes = minutesAfterMidnight % 1440;
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minutes / 60),
      minute: minutes % 60,
    },
    { zone },
  ).toMillis();
};
