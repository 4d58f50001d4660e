import type { BusinessCalendar } from './business-calendar';
import { type DayNumber, localDayOf } from './local-days';

/** More than ten years without a single open second means the calendar is unusable. */
const MAX_CLOSED_DAYS = 3660;

/**
 * The instant at which `seconds` of business time have passed since `from`. Walks whole days of
 * open intervals (not seconds), so weeks of business time cost a few dozen steps. Zero seconds
 * is `from` itself, even outside office hours; otherwise the result lies in (or at the end of)
 * an open interval.
 */
export const addBusinessTime = (calendar: BusinessCalendar, from: Date, seconds: number): Date => {
  if (!(seconds >= 0)) throw new RangeError(`cannot add ${seconds} seconds of business time`);
  const start = from.getTime();
  let remaining = Math.round(seconds * 1000);
  if (calendar.alwaysOpen || remaining === 0) return new Date(start + remaining);
  const firstDay = localDayOf(start, calendar.zone);
  for (let day = firstDay; day - firstDay < MAX_CLOSED_DAYS; day++) {
    for (const [open, close] of calendar.openIntervals(day)) {
      if (close <= start) continue;
      const begin = Math.max(open, start);
      if (remaining <= close - begin) return new Date(begin + remaining);
      remaining -= close - begin;
    }
  }
  throw new Error(`the calendar has no open time within ${MAX_CLOSED_DAYS} days of ${from.toISOString()}`);
};

/**
 * Business seconds in [from, to). Negative when `to` is before `from`, so that
 * between(a, b) + between(b, c) = between(a, c) for any order.
 */
export const businessSecondsBetween = (calendar: BusinessCalendar, from: Date, to: Date): number => {
  const start = from.getTime();
  const end = to.getTime();
  if (end < start) return 0 - businessSecondsBetween(calendar, to, from) || 0;
  if (calendar.alwaysOpen) return (end - start) / 1000;
  const lastDay: DayNumber = localDayOf(end, calendar.zone);
  let total = 0;
  for (let day = localDayOf(start, calendar.zone); day <= lastDay; day++) {
    for (const [open, close] of calendar.openIntervals(day)) {
      const overlap = Math.min(close, end) - Math.max(open, start);
      if (overlap > 0) total += overlap;
    }
  }
  return total / 1000;
};
