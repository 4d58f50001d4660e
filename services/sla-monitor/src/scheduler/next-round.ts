import type { ViewStore } from '@helpdesk/read-models';
import type { ScheduledTicket } from '../projections/sla-schedule';
import { type DueClocks, tickDueClocks } from './tick-due-clocks';

/**
 * The shortest pause between two rounds while deadlines keep falling due: each round then has
 * enough of them to be worth its reads, and the scheduler does not spin on one deadline a
 * millisecond.
 */
export const MIN_ROUND_GAP_MS = 50;

export interface RoundTiming {
  tickMs: number;
  tickBatch: number;
}

/** The soonest deadline in the schedule (read from its `nextDeadline` index), if any clock has one. */
export const soonestDeadline = async (schedule: ViewStore<ScheduledTicket>) => {
  const [first] = await schedule.find({
    // Every instant is at or after '': the range only leaves out documents without a deadline.
    range: { nextDeadline: { gte: '' } },
    sort: { field: 'nextDeadline', direction: 'asc' },
    limit: 1,
  });
  return first?.nextDeadline;
};

/**
 * How long to wait after a round that ticked `due` clocks: not at all after a full batch (more
 * is due), else until the soonest deadline ahead, so that a known deadline is met within
 * MIN_ROUND_GAP_MS of its instant instead of up to a tick late, and never longer than a tick,
 * which also finds the clocks started meanwhile with an earlier deadline.
 */
export const untilNextRound = (
  due: number,
  soonest: string | undefined,
  now: number,
  { tickMs, tickBatch }: RoundTiming,
) => {
  if (due >= tickBatch) return 0;
  if (soonest === undefined) return tickMs;
  return Math.min(tickMs, Math.max(MIN_ROUND_GAP_MS, Date.parse(soonest) - now));
};

/**
 * One scheduler round and the wait before the next. `includeCommittedWrites` brings the schedule
 * up to the event store: before the round, so it finds what fell due, and after a round that
 * appended, so that a clock just ticked is not taken for the soonest deadline.
 */
export const tickRound = async (
  clocks: DueClocks,
  includeCommittedWrites: () => Promise<void>,
  timing: RoundTiming,
) => {
  await includeCommittedWrites();
  const due = await tickDueClocks(clocks, new Date(), timing.tickBatch);
  if (due >= timing.tickBatch) return 0;
  if (due > 0) await includeCommittedWrites();
  return untilNextRound(due, await soonestDeadline(clocks.schedule), Date.now(), timing);
};
