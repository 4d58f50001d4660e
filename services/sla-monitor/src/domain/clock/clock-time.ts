import { addBusinessTime, businessSecondsBetween } from '../calendar/business-time';
import { calendarFor, type SlaPolicy } from '../policy/sla-policy';
import type { Clock } from './sla-clock.state';

/** Business seconds on the clock at `at`: what it had, plus the running stretch in its priority's calendar. */
export const elapsedAt = (clock: Clock, policy: SlaPolicy, at: Date): number =>
  clock.phase === 'running'
    ? clock.elapsedSeconds +
      businessSecondsBetween(calendarFor(policy, clock.priority), new Date(clock.since), at)
    : clock.elapsedSeconds;

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
