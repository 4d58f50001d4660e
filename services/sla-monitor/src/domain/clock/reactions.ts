import type { TicketEvent } from '@helpdesk/contracts';
import type { SlaEvent } from '@helpdesk/contracts';
import { SLA_METRICS } from '@helpdesk/contracts';
import { type SlaPolicy, targetFor } from '../policy/sla-policy';
import { dueAt, elapsedAt, elapsedUnder } from './clock-time';
import type { Clock, MonitoredTicket } from './sla-clock.state';
import { priorityChangeOf, resumesOnReopen, statusAfter, stops } from './ticket-triggers';

/** One step of a ticket event's effect on the clocks, at `at`. */
type Reaction = (state: MonitoredTicket, policy: SlaPolicy, event: TicketEvent, at: Date) => SlaEvent[];

const clocksOf = (state: MonitoredTicket) => SLA_METRICS.flatMap((metric) => state.clocks[metric] ?? []);
const fact = (state: MonitoredTicket, clock: Clock, at: Date) => ({
  ticketId: state.ticketId,
  metric: clock.metric,
  at: at.toISOString(),
});

export const stopClocks: Reaction = (state, policy, event, at) =>
  clocksOf(state)
    .filter((clock) => clock.phase !== 'stopped' && stops(clock.metric, event))
    .map((clock): SlaEvent => {
      const { priority, targetSeconds } = clock;
      const stopped = {
        ...fact(state, clock, at),
        priority,
        businessSeconds: elapsedAt(clock, policy, at),
        cause: event.type,
      };
      if (targetSeconds === null)
        return { type: 'ClockStopped', data: { ...stopped, targetSeconds, outcome: 'no_target' } };
      if (clock.breached)
        return { type: 'ClockStopped', data: { ...stopped, targetSeconds, outcome: 'breached' } };
      return { type: 'ClockMet', data: { ...stopped, targetSeconds } };
    });

/**
 * A priority change is recorded on each clock it moves: the previous and new target and due time,
 * who, when and why. The elapsed time is measured again from registration in the new priority's
 * calendar; what remains counts against the new target.
 */
export const retargetClocks: Reaction = (state, policy, event, at) => {
  const change = priorityChangeOf(event);
  if (!change) return [];
  const { priority, by, reason } = change;
  return clocksOf(state)
    .filter(
      (clock) => clock.priority !== priority && (clock.phase !== 'stopped' || resumesOnReopen(clock.metric)),
    )
    .map((clock): SlaEvent => {
      const targetSeconds = targetFor(policy, clock.metric, priority);
      const elapsedSeconds = elapsedUnder(clock, policy, priority, at);
      const retargeted = { ...clock, priority, targetSeconds, elapsedSeconds, since: at.toISOString() };
      return {
        type: 'TargetChanged',
        data: {
          ...fact(state, clock, at),
          priority,
          targetSeconds,
          previousPriority: clock.priority,
          previousTargetSeconds: clock.targetSeconds,
          previousDueAt: dueAt(clock, policy),
          elapsedSeconds,
          dueAt: dueAt(retargeted, policy),
          by,
          ...(reason === undefined ? {} : { reason }),
          cause: event.type,
        },
      };
    });
};

export const resumeReopened: Reaction = (state, policy, event, at) =>
  event.type !== 'TicketReopened'
    ? []
    : clocksOf(state)
        .filter((clock) => clock.phase === 'stopped' && resumesOnReopen(clock.metric))
        .map((clock) => resumed(state, policy, clock, event, at, 'open'));

/** Waiting on someone else pauses the metrics the policy says; leaving that status resumes them. */
export const pauseOrResume: Reaction = (state, policy, event, at) => {
  const status = statusAfter(event);
  if (status === undefined) return [];
  return clocksOf(state).flatMap((clock): SlaEvent[] => {
    const pausing = policy.pausedBy[clock.metric].find((paused) => paused === status);
    if (clock.phase === 'running' && pausing)
      return [
        {
          type: 'ClockPaused',
          data: {
            ...fact(state, clock, at),
            status: pausing,
            cause: event.type,
            elapsedSeconds: elapsedAt(clock, policy, at),
          },
        },
      ];
    if (clock.phase === 'paused' && !pausing) return [resumed(state, policy, clock, event, at, status)];
    return [];
  });
};

const resumed = (
  state: MonitoredTicket,
  policy: SlaPolicy,
  clock: Clock,
  event: TicketEvent,
  at: Date,
  status: string,
): SlaEvent => {
  const running: Clock = { ...clock, phase: 'running', since: at.toISOString() };
  return {
    type: 'ClockResumed',
    data: {
      ...fact(state, clock, at),
      status,
      cause: event.type,
      elapsedSeconds: clock.elapsedSeconds,
      dueAt: dueAt(running, policy),
    },
  };
};
