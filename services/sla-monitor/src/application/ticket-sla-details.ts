import { type Priority, SLA_METRICS, type SlaEvent, type SlaMetric } from '@helpdesk/contracts';
import {
  dueAt,
  elapsedAt,
  type MonitoredTicket,
  type Outcome,
  type PolicyCatalog,
  ticketClockOutcomes,
} from '../domain';

export interface PauseView {
  status: string;
  cause: string;
  from: string;
  /** null while the clock is still paused. */
  until: string | null;
}

/** A priority change as the clock recorded it: the previous and new target, who, when and why. */
export interface PriorityChangeView {
  at: string;
  /** Absent on changes recorded before the desk kept them. */
  by?: string;
  reason?: string;
  cause?: string;
  from: Priority;
  to: Priority;
  previousTargetSeconds: number | null;
  targetSeconds: number | null;
  previousDueAt?: string | null;
  dueAt: string | null;
  /** Business seconds since registration in the new priority's calendar. */
  elapsedSeconds: number;
}

/** One clock of a ticket as people read it, at a given moment. */
export interface ClockDetails {
  metric: SlaMetric;
  priority: Priority;
  targetSeconds: number | null;
  state: 'running' | 'paused' | 'stopped';
  outcome: Outcome;
  dueAt: string | null;
  elapsedSeconds: number;
  /** Target minus elapsed business time: negative is how late a breached clock is; null without target. */
  remainingSeconds: number | null;
  warnings: Array<{ fraction: number; at: string }>;
  breachedAt: string | null;
  pauses: PauseView[];
  priorityChanges: PriorityChangeView[];
}

export interface TicketSlaDetails {
  ticketId: string;
  organisationId: string;
  policyId: string;
  policyVersion: number;
  /** The moment the running clocks' business time was measured at. */
  asOf: string;
  clocks: ClockDetails[];
}

/** A ticket's clocks folded from its SLA stream, measured at `now` in business time. */
export const ticketSlaDetails = (
  state: MonitoredTicket,
  events: readonly SlaEvent[],
  policies: PolicyCatalog,
  now: Date,
): TicketSlaDetails => {
  const policy = policies.version(state.policyId, state.policyVersion);
  const outcomes = new Map(ticketClockOutcomes(state).map((o) => [o.metric, o.outcome]));
  const clocks = SLA_METRICS.flatMap((metric) => state.clocks[metric] ?? []).map((clock): ClockDetails => {
    const own = events.filter((event) => event.data.metric === clock.metric);
    const elapsedSeconds = elapsedAt(clock, policy, now);
    return {
      metric: clock.metric,
      priority: clock.priority,
      targetSeconds: clock.targetSeconds,
      state: clock.phase,
      outcome: outcomes.get(clock.metric)!,
      dueAt: dueAt(clock, policy),
      elapsedSeconds,
      remainingSeconds: clock.targetSeconds === null ? null : clock.targetSeconds - elapsedSeconds,
      warnings: own.flatMap((e) =>
        e.type === 'WarningRaised' ? [{ fraction: e.data.fraction, at: e.data.at }] : [],
      ),
      breachedAt: own.find((e) => e.type === 'ClockBreached')?.data.at ?? null,
      pauses: pausesOf(own),
      priorityChanges: own.flatMap(priorityChangeOf),
    };
  });
  const { ticketId, organisationId, policyId, policyVersion } = state;
  return { ticketId, organisationId, policyId, policyVersion, asOf: now.toISOString(), clocks };
};

const priorityChangeOf = (event: SlaEvent): PriorityChangeView[] => {
  if (event.type !== 'TargetChanged') return [];
  const { at, by, reason, cause, previousPriority, priority, previousTargetSeconds, targetSeconds } =
    event.data;
  const { previousDueAt, dueAt: due, elapsedSeconds } = event.data;
  return [
    {
      at,
      ...(by === undefined ? {} : { by }),
      ...(reason === undefined ? {} : { reason }),
      ...(cause === undefined ? {} : { cause }),
      from: previousPriority,
      to: priority,
      previousTargetSeconds,
      targetSeconds,
      ...(previousDueAt === undefined ? {} : { previousDueAt }),
      dueAt: due,
      elapsedSeconds,
    },
  ];
};

const pausesOf = (events: readonly SlaEvent[]): PauseView[] => {
  const pauses: PauseView[] = [];
  for (const event of events) {
    if (event.type === 'ClockPaused')
      pauses.push({ status: event.data.status, cause: event.data.cause, from: event.data.at, until: null });
    const open = pauses.at(-1);
    if (
      open &&
      open.until === null &&
      (event.type === 'ClockResumed' || event.type === 'ClockMet' || event.type === 'ClockStopped')
    )
      open.until = event.data.at;
  }
  return pauses;
};
