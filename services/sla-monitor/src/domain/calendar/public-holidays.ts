import Holidays from 'date-holidays';

/**
 * Whether a local date (`YYYY-MM-DD`) is a public holiday of a country (and region). Only
 * date-holidays' `public` type counts: for NL that is Nieuwjaar, Pasen and Tweede paasdag,
 * Koningsdag, Hemelvaartsdag, Pinksteren and Tweede pinksterdag, Kerstmis and Tweede kerstdag.
 * Goede Vrijdag and Bevrijdingsdag are not days off by law (only by some collective agreements,
 * Bevrijdingsdag typically every fifth year): a calendar adds them as closed dates when its
 * contract says so.
 */
export const publicHolidays = (country: string, region?: string) => {
  const key = `${country}/${region ?? ''}`;
  let lookup = lookups.get(key);
  if (!lookup) {
    lookup = holidayLookup(new Holidays(country, region ?? ''));
    lookups.set(key, lookup);
  }
  return lookup;
};

const lookups = new Map<string, (date: string) => boolean>();

/** date-holidays computes a whole year at a time and is slow at it: each year is computed once. */
const holidayLookup = (holidays: Holidays) => {
  const years = new Map<number, Set<string>>();
  return (date: string) => {
    const year = Number(date.slice(0, 4));
    let dates = years.get(year);
    if (!dates) {
      dates = new Set(
        holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      years.set(year, dates);
    }
    return dates.has(date);
  };
};
