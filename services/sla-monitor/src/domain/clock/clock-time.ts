import { addBusinessTime, businessSecondsBetween } from '../calendar/business-time';
import type { Priority } from '@helpdesk/contracts';
import { calendarFor, type SlaPolicy } from '../policy/sla-policy';
import type { Clock } from './sla-clock.state';

/** Business seconds on the clock at `at`: what it had, plus the running stretch in its priority's calendar. */
export const elapsedAt = (clock: Clock, policy: SlaPolicy, at: Date): number =>
  clock.phase === 'running'
    ? clock.elapsedSeconds +
      businessSecondsBetween(calendarFor(policy, clock.priority), new Date(clock.since), at)
    : clock.elapsedSeconds;

/**
 * Business seconds the clock ran from registration to `at` (pauses left out), measured in the
 * calendar of `priority`: what a priority change puts on the clock. Time before the change is not
 * kept as the old calendar counted it: a P1 on a 24/7 contract, registered on Saturday evening
 * and triaged half an hour later, has used that half hour (the office-hours default priority had
 * counted none of it).
 */
export const elapsedUnder = (clock: Clock, policy: SlaPolicy, priority: Priority, at: Date): number => {
  const calendar = calendarFor(policy, priority);
  const stretches =
    clock.phase === 'running' ? [...clock.stretches, { from: clock.since, to: at }] : clock.stretches;
  return stretches.reduce(
    (sum, { from, to }) => sum + businessSecondsBetween(calendar, new Date(from), new Date(to)),
    0,
  );
};

/**
 * The instant a running clock shows `seconds`; when it already showed them, the start of the
 * current stretch (a target lowered below the time already used is due at once).
 */
export const instantAtElapsed = (clock: Clock, policy: SlaPolicy, seconds: number): Date =>
  addBusinessTime(
    calendarFor(policy, clock.priority),
    new Date(clock.since),
    Math.max(0, seconds - clock.elapsedSeconds),
  );

/** When a running clock with a target reaches it; null while paused, stopped or without a target. */
export const dueAt = (clock: Clock, policy: SlaPolicy): string | null =>
  clock.phase === 'running' && clock.targetSeconds !== null
    ? instantAtElapsed(clock, policy, clock.targetSeconds).toISOString()
    : null;
