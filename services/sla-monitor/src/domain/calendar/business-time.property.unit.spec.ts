import fc from 'fast-check';
import { addBusinessTime, businessSecondsBetween } from './business-time';
import { businessCalendar, ROUND_THE_CLOCK } from './business-calendar';

const calendars = {
  'office hours': businessCalendar({
    officeHours: {
      mon: ['09:00-17:30'],
      tue: ['09:00-17:30'],
      wed: ['09:00-17:30'],
      thu: ['09:00-17:30'],
      fri: ['09:00-12:00', '13:00-17:30'],
    },
  }),
  'nights across DST': businessCalendar({ officeHours: { sat: ['22:00-24:00'], sun: ['00:00-04:00'] } }),
  'New York': businessCalendar({
    zone: 'America/New_York',
    officeHours: { mon: ['08:00-18:00'] },
    holidays: { country: 'US' },
  }),
  '24/7': ROUND_THE_CLOCK,
};

// Instants over several years, whole seconds, including DST weekends and year ends.
const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2028, 11, 31) / 1000 })
  .map((seconds) => new Date(seconds * 1000));
const duration = fc.integer({ min: 0, max: 60 * 86_400 });

describe.each(Object.entries(calendars))('business time on a %s calendar', (_name, calendar) => {
  it('measures back the duration that was added', () =>
    fc.assert(
      fc.property(instant, duration, (from, seconds) => {
        expect(businessSecondsBetween(calendar, from, addBusinessTime(calendar, from, seconds))).toBe(
          seconds,
        );
      }),
    ));

  it('never goes back in time, and more business time never ends earlier', () =>
    fc.assert(
      fc.property(instant, duration, duration, (from, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        const first = addBusinessTime(calendar, from, shorter).getTime();
        expect(first).toBeGreaterThanOrEqual(from.getTime());
        expect(addBusinessTime(calendar, from, longer).getTime()).toBeGreaterThanOrEqual(first);
      }),
    ));

  it('adds up: between(a, b) + between(b, c) = between(a, c)', () =>
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        expect(businessSecondsBetween(calendar, a, b) + businessSecondsBetween(calendar, b, c)).toBe(
          businessSecondsBetween(calendar, a, c),
        );
      }),
    ));

  it('adds in steps as in one go', () =>
    fc.assert(
      fc.property(instant, duration, duration, (from, a, b) => {
        const inSteps = addBusinessTime(calendar, addBusinessTime(calendar, from, a), b);
        const inOneGo = addBusinessTime(calendar, from, a + b);
        // Stepping may stop at a closing time where one go continues at the next opening:
        // both are the same point in business time.
        expect(businessSecondsBetween(calendar, inSteps, inOneGo)).toBe(0);
      }),
    ));
});

describe('speed', () => {
  it('computes 100,000 due times of up to four working weeks in well under ten seconds', () => {
    const calendar = calendars['office hours'];
    const started = performance.now();
    for (let i = 0; i < 100_000; i++)
      addBusinessTime(calendar, new Date(Date.UTC(2026, 0, 1) + i * 997_000), (i % 20) * 30_600 + 900);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
