import { InMemoryViewStore } from '@helpdesk/read-models';
import { SLA_SCHEDULE_INDEXES, type ScheduledTicket } from '../projections/sla-schedule';
import { MIN_ROUND_GAP_MS, soonestDeadline, untilNextRound } from './next-round';

const timing = { tickMs: 1000, tickBatch: 500 };
const now = Date.parse('2026-12-03T10:00:00.000Z');
const inMs = (ms: number) => new Date(now + ms).toISOString();

describe('the wait before the next scheduler round', () => {
  it('is none after a full batch: more is due', () => {
    expect(untilNextRound(500, inMs(900), now, timing)).toBe(0);
  });

  it('lasts until the soonest deadline ahead, so it is met on time rather than up to a tick late', () => {
    expect(untilNextRound(3, inMs(320), now, timing)).toBe(320);
  });

  it('is at least the minimum gap, for a deadline due now or already past', () => {
    expect(untilNextRound(3, inMs(5), now, timing)).toBe(MIN_ROUND_GAP_MS);
    expect(untilNextRound(3, inMs(-2000), now, timing)).toBe(MIN_ROUND_GAP_MS);
  });

  it('is at most a tick: clocks started meanwhile may be due sooner than any known deadline', () => {
    expect(untilNextRound(0, inMs(60_000), now, timing)).toBe(1000);
    expect(untilNextRound(0, undefined, now, timing)).toBe(1000);
  });
});

describe('the soonest deadline of the schedule', () => {
  const scheduled = (ticketId: string, nextDeadline?: string): ScheduledTicket => ({
    id: ticketId,
    revision: 0,
    ticketId,
    organisationId: 'org-a',
    registeredAt: inMs(-60_000),
    state: { monitored: false },
    ...(nextDeadline && { nextDeadline }),
  });

  it('is the earliest next deadline, leaving out tickets without one', async () => {
    const schedule = new InMemoryViewStore<ScheduledTicket>(SLA_SCHEDULE_INDEXES);
    expect(await soonestDeadline(schedule)).toBeUndefined();
    await schedule.put(scheduled('t-1'), undefined);
    expect(await soonestDeadline(schedule)).toBeUndefined();
    await schedule.put(scheduled('t-2', inMs(700)), undefined);
    await schedule.put(scheduled('t-3', inMs(200)), undefined);
    expect(await soonestDeadline(schedule)).toBe(inMs(200));
  });
});
