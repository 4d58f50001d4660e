import { DateTime } from 'luxon';
import { addBusinessTime, businessSecondsBetween } from './business-time';
import { businessCalendar, ROUND_THE_CLOCK } from './business-calendar';

// Hand-worked examples in Amsterdam local time (CET = UTC+1 in winter, CEST = UTC+2 in summer).
const officeHours = businessCalendar({
  officeHours: {
    mon: ['09:00-17:30'],
    tue: ['09:00-17:30'],
    wed: ['09:00-17:30'],
    thu: ['09:00-17:30'],
    fri: ['09:00-17:30'],
  },
});
const amsterdam = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Amsterdam' }).toJSDate();
const minutes = (n: number) => n * 60;
const hours = (n: number) => n * 3600;

describe('adding business time', () => {
  it('carries a 15-minute target from Friday 17:25 over the weekend to Monday 09:10', () =>
    expect(addBusinessTime(officeHours, amsterdam('2026-11-20T17:25:00'), minutes(15))).toEqual(
      amsterdam('2026-11-23T09:10:00'),
    ));

  it('starts counting at opening time when registered at night', () =>
    expect(addBusinessTime(officeHours, amsterdam('2026-11-24T03:00:00'), minutes(15))).toEqual(
      amsterdam('2026-11-24T09:15:00'),
    ));

  it('ends at closing time, not the next morning, when the time runs out exactly then', () =>
    expect(addBusinessTime(officeHours, amsterdam('2026-11-24T17:00:00'), minutes(30))).toEqual(
      amsterdam('2026-11-24T17:30:00'),
    ));

  it('adds nothing for zero seconds, even outside office hours', () =>
    expect(addBusinessTime(officeHours, amsterdam('2026-11-21T12:00:00'), 0)).toEqual(
      amsterdam('2026-11-21T12:00:00'),
    ));

  it('skips Christmas and Tweede Kerstdag (a Friday and Saturday in 2026)', () =>
    // Thursday 24 Dec 17:00 + 1 hour: 30 min on Thursday, then Friday 25 is Kerstmis, Monday 28 09:30.
    expect(addBusinessTime(officeHours, amsterdam('2026-12-24T17:00:00'), hours(1))).toEqual(
      amsterdam('2026-12-28T09:30:00'),
    ));

  it('skips Nieuwjaar across the year end', () =>
    // Thursday 31 Dec 2026 17:00 + 1 hour: 30 min, Friday 1 Jan closed, Monday 4 Jan 09:30.
    expect(addBusinessTime(officeHours, amsterdam('2026-12-31T17:00:00'), hours(1))).toEqual(
      amsterdam('2027-01-04T09:30:00'),
    ));

  it('skips Koningsdag, Hemelvaart and the second days of Easter and Pentecost', () => {
    expect(addBusinessTime(officeHours, amsterdam('2026-04-03T17:00:00'), hours(1))).toEqual(
      amsterdam('2026-04-07T09:30:00'), // Goede Vrijdag is open, Tweede paasdag (Mon 6 Apr) closed
    );
    expect(addBusinessTime(officeHours, amsterdam('2026-04-24T17:00:00'), hours(1))).toEqual(
      amsterdam('2026-04-28T09:30:00'), // Koningsdag, Monday 27 April
    );
    expect(addBusinessTime(officeHours, amsterdam('2026-05-13T17:00:00'), hours(1))).toEqual(
      amsterdam('2026-05-15T09:30:00'), // Hemelvaartsdag, Thursday 14 May
    );
    expect(addBusinessTime(officeHours, amsterdam('2026-05-22T17:00:00'), hours(1))).toEqual(
      amsterdam('2026-05-26T09:30:00'), // Tweede pinksterdag, Monday 25 May
    );
  });

  it('keeps Bevrijdingsdag open unless the calendar closes it', () => {
    const lustrum = businessCalendar({
      officeHours: { tue: ['09:00-17:30'], wed: ['09:00-17:30'] },
      closedDates: ['2026-05-05'],
    });
    expect(addBusinessTime(officeHours, amsterdam('2026-05-05T09:00:00'), hours(1))).toEqual(
      amsterdam('2026-05-05T10:00:00'),
    );
    expect(addBusinessTime(lustrum, amsterdam('2026-05-05T09:00:00'), hours(1))).toEqual(
      amsterdam('2026-05-06T10:00:00'),
    );
  });

  it('has no holidays when told so', () => {
    const noHolidays = businessCalendar({ officeHours: { fri: ['09:00-17:30'] }, holidays: null });
    expect(addBusinessTime(noHolidays, amsterdam('2026-12-25T09:00:00'), hours(1))).toEqual(
      amsterdam('2026-12-25T10:00:00'),
    );
  });

  it('counts every second on a 24/7 calendar, weekends and holidays included', () =>
    expect(addBusinessTime(ROUND_THE_CLOCK, amsterdam('2026-12-24T23:30:00'), hours(2))).toEqual(
      amsterdam('2026-12-25T01:30:00'),
    ));

  it('follows local office hours across daylight saving changes', () => {
    // Friday 27 March 2026 17:00 CET + 1 hour lands Monday 30 March 09:30 CEST.
    expect(addBusinessTime(officeHours, new Date('2026-03-27T17:00:00+01:00'), hours(1))).toEqual(
      new Date('2026-03-30T09:30:00+02:00'),
    );
    // Friday 23 October 2026 17:00 CEST + 1 hour lands Monday 26 October 09:30 CET.
    expect(addBusinessTime(officeHours, new Date('2026-10-23T17:00:00+02:00'), hours(1))).toEqual(
      new Date('2026-10-26T09:30:00+01:00'),
    );
  });

  it('counts the real hours of a night that is shorter or longer because of daylight saving', () => {
    const nights = businessCalendar({ officeHours: { sun: ['00:00-24:00'] }, holidays: null });
    // The last Sunday of March has 23 hours, the last Sunday of October 25.
    expect(
      businessSecondsBetween(nights, new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z')),
    ).toBe(hours(23));
    expect(
      businessSecondsBetween(nights, new Date('2026-10-24T12:00:00Z'), new Date('2026-10-26T12:00:00Z')),
    ).toBe(hours(25));
    expect(addBusinessTime(nights, new Date('2026-10-24T12:00:00Z'), hours(25))).toEqual(
      new Date('2026-10-25T23:00:00Z'),
    );
  });

  it('supports several ranges a day, such as a lunch break', () => {
    const lunch = businessCalendar({ officeHours: { mon: ['09:00-12:00', '13:00-17:00'] } });
    expect(addBusinessTime(lunch, amsterdam('2026-11-23T11:30:00'), hours(1))).toEqual(
      amsterdam('2026-11-23T13:30:00'),
    );
  });
});

describe('measuring business time', () => {
  it('counts only office hours of working days', () =>
    // Friday 17:00 to Monday 10:00: 30 minutes on Friday, one hour on Monday.
    expect(
      businessSecondsBetween(officeHours, amsterdam('2026-11-20T17:00:00'), amsterdam('2026-11-23T10:00:00')),
    ).toBe(minutes(90)));

  it('is exact to the millisecond inside office hours', () =>
    expect(
      businessSecondsBetween(
        officeHours,
        amsterdam('2026-11-23T10:00:00.250'),
        amsterdam('2026-11-23T10:00:01.000'),
      ),
    ).toBe(0.75));

  it('counts a whole year of working days', () =>
    // 2026: 261 weekdays, 7 public holidays on weekdays (Nieuwjaar, Tweede paasdag, Koningsdag,
    // Hemelvaart, Tweede pinksterdag, Kerstmis; Tweede kerstdag is a Saturday).
    expect(
      businessSecondsBetween(officeHours, amsterdam('2026-01-01T00:00:00'), amsterdam('2027-01-01T00:00:00')),
    ).toBe((261 - 6) * hours(8.5)));

  it('is negative backwards', () =>
    expect(
      businessSecondsBetween(officeHours, amsterdam('2026-11-23T10:00:00'), amsterdam('2026-11-23T09:00:00')),
    ).toBe(-hours(1)));
});

describe('a calendar definition', () => {
  it('is refused with every problem named', () =>
    expect(() =>
      businessCalendar({
        zone: 'Mars/Olympus',
        officeHours: { mon: ['17:30-09:00'] },
        closedDates: ['24-12'],
      }),
    ).toThrow(
      /calendar.zone must be an IANA time zone.*calendar.officeHours.mon.0 must be a range.*calendar.closedDates.0 must be a date/,
    ));

  it('makes a business day as long as a usual day', () => {
    expect(officeHours.businessDaySeconds).toBe(hours(8.5));
    const shortFriday = businessCalendar({
      officeHours: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], fri: ['09:00-12:00'] },
    });
    expect(shortFriday.businessDaySeconds).toBe(hours(8));
    expect(ROUND_THE_CLOCK.businessDaySeconds).toBe(hours(24));
  });
});
