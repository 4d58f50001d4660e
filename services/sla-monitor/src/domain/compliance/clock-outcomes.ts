import type { Priority } from '@helpdesk/contracts';
import { evolveSlaClocks, initialSlaClocks, type SlaClocks } from '../clock/sla-clock.state';
import { SLA_METRICS, type SlaEvent, type SlaMetric } from '@helpdesk/contracts';

/**
 * Where one clock stands. A breach is final, even when the clock later stops; `met` is a clock
 * stopped within its target; `running` may still go either way; `no_target` counts for nothing.
 */
export type Outcome = 'met' | 'breached' | 'running' | 'no_target';

export interface ClockOutcome {
  ticketId: string;
  organisationId: string;
  policyId: string;
  policyVersion: number;
  metric: SlaMetric;
  priority: Priority;
  targetSeconds: number | null;
  outcome: Outcome;
  /** The business time the clock took; only once it stopped. */
  businessSeconds?: number;
}

/** The outcome of every clock in a set of SLA events (of any number of tickets, each in order). */
export const clockOutcomes = (events: readonly SlaEvent[]): ClockOutcome[] => {
  const byTicket = new Map<string, SlaClocks>();
  for (const event of events)
    byTicket.set(
      event.data.ticketId,
      evolveSlaClocks(byTicket.get(event.data.ticketId) ?? initialSlaClocks, event),
    );
  return [...byTicket.values()].flatMap(ticketClockOutcomes);
};

/** The outcome of every clock of one ticket, from its folded state. */
export const ticketClockOutcomes = (state: SlaClocks): ClockOutcome[] => {
  if (!state.monitored) return [];
  const { ticketId, organisationId, policyId, policyVersion } = state;
  return SLA_METRICS.flatMap((metric) => state.clocks[metric] ?? []).map((clock) => ({
    ticketId,
    organisationId,
    policyId,
    policyVersion,
    metric: clock.metric,
    priority: clock.priority,
    targetSeconds: clock.targetSeconds,
    outcome: outcomeOf(clock.breached, clock.targetSeconds, clock.phase),
    ...(clock.phase === 'stopped' ? { businessSeconds: clock.elapsedSeconds } : {}),
  }));
};

const outcomeOf = (breached: boolean, target: number | null, phase: string): Outcome => {
  if (breached) return 'breached';
  if (target === null) return 'no_target';
  return phase === 'stopped' ? 'met' : 'running';
};
