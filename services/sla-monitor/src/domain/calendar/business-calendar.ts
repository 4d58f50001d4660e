import {
  calendarProblems,
  type CalendarDefinition,
  DEFAULT_HOLIDAYS,
  DEFAULT_ZONE,
  parseRange,
  WEEKDAYS,
} from './calendar-definition';
import { type DayNumber, instantOf, isoDateOf, weekdayOf } from './local-days';
import { publicHolidays } from './public-holidays';

/** Open time as epoch milliseconds, start inclusive, end exclusive. */
export type Interval = readonly [start: number, end: number];

/** A calendar ready for business-time arithmetic (see business-time.ts). */
export interface BusinessCalendar {
  readonly zone: string;
  /** Every instant counts (24/7): arithmetic is plain elapsed time. */
  readonly alwaysOpen: boolean;
  /** What "1 business day" in a target means, in seconds. */
  readonly businessDaySeconds: number;
  /** The open intervals of a local day, in order; none on a closed day. */
  openIntervals(day: DayNumber): readonly Interval[];
}

/** Builds a calendar from its definition; throws listing every problem when it is not valid. */
export const businessCalendar = (definition: CalendarDefinition): BusinessCalendar => {
  const problems = calendarProblems(definition, 'calendar');
  if (problems.length > 0)
    throw new Error(`Invalid calendar: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  const zone = definition.zone ?? DEFAULT_ZONE;
  const { officeHours } = definition;
  if (officeHours === '24/7')
    return { zone, alwaysOpen: true, businessDaySeconds: 86_400, openIntervals: allDay(zone) };

  const minutesByWeekday = new Map(
    WEEKDAYS.map((day) => [day, (officeHours[day] ?? []).map((range) => parseRange(range)!)]),
  );
  const holiday =
    definition.holidays === null ? () => false : holidaysOf(definition.holidays ?? DEFAULT_HOLIDAYS);
  const closedDates = new Set(definition.closedDates ?? []);
  const isClosed = (day: DayNumber) => closedDates.has(isoDateOf(day)) || holiday(isoDateOf(day));

  // Each local day is resolved once per calendar: clocks walk the same days again and again.
  const cache = new Map<DayNumber, readonly Interval[]>();
  const openIntervals = (day: DayNumber) => {
    let intervals = cache.get(day);
    if (!intervals) {
      const ranges = isClosed(day) ? [] : minutesByWeekday.get(weekdayOf(day))!;
      intervals = ranges.map(
        ({ from, to }) => [instantOf(day, from, zone), instantOf(day, to, zone)] as const,
      );
      cache.set(day, intervals);
    }
    return intervals;
  };
  return {
    zone,
    alwaysOpen: false,
    businessDaySeconds: standardDayMinutes(minutesByWeekday) * 60,
    openIntervals,
  };
};

const holidaysOf = ({ country, region }: { country: string; region?: string }) =>
  publicHolidays(country, region);

const allDay = (zone: string) => (day: DayNumber) => [
  [instantOf(day, 0, zone), instantOf(day, 1440, zone)] as const,
];

/**
 * "1 business day" is the open time of a usual day: the most common daily length among the
 * open weekdays (the longest on a tie), so Mon-Fri 09:00-17:30 gives 8.5 hours.
 */
const standardDayMinutes = (byWeekday: Map<string, { from: number; to: number }[]>) => {
  const counts = new Map<number, number>();
  for (const ranges of byWeekday.values()) {
    const minutes = ranges.reduce((sum, { from, to }) => sum + to - from, 0);
    if (minutes > 0) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
  }
  const [best] = [...counts].sort(
    ([aLength, aCount], [bLength, bCount]) => bCount - aCount || bLength - aLength,
  );
  return best[0];
};

/** Every second counts, holidays included. */
export const ROUND_THE_CLOCK: BusinessCalendar = businessCalendar({ officeHours: '24/7' });
