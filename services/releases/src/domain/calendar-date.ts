/**
 * Calendar dates as ISO strings (YYYY-MM-DD), computed on UTC midnights: a release ships on a
 * day, not at an instant, so daylight saving time and the server's time zone cannot shift it.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const toUtc = (date: string) => Date.parse(`${date}T00:00:00.000Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real day in the form YYYY-MM-DD (2026-02-30 is not). */
export const isIsoDate = (value: string) =>
  ISO_DATE.test(value) && !Number.isNaN(toUtc(value)) && fromUtc(toUtc(value)) === value;

export const addDays = (date: string, days: number) => fromUtc(toUtc(date) + days * DAY_MS);

export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** The UTC day of an instant such as a command's `at`. */
export const dayOf = (instant: string) => new Date(instant).toISOString().slice(0, 10);

/** ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday. */
export const isoWeek = (date: string): { weekYear: number; week: number } => {
  const day = new Date(toUtc(date));
  const weekday = day.getUTCDay() || 7;
  const thursday = toUtc(date) + (4 - weekday) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return { weekYear, week };
};
