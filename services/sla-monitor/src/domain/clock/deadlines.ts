import type { ClockBreached, SlaMetric, WarningRaised } from '@helpdesk/contracts';
import { SLA_METRICS } from '@helpdesk/contracts';
import type { PolicyCatalog } from '../policy/policy-history';
import type { SlaPolicy } from '../policy/sla-policy';
import { dueAt, instantAtElapsed } from './clock-time';
import type { Clock, SlaClocks } from './sla-clock.state';

interface Deadline {
  at: number;
  metric: SlaMetric;
  /** The warning's fraction; 1 is the breach, so sorting by it puts warnings first. */
  fraction: number;
}

/** The warnings not yet raised and the breach not yet declared of a running clock. */
const pendingDeadlines = (clock: Clock, policy: SlaPolicy): Deadline[] => {
  const target = clock.targetSeconds;
  if (clock.phase !== 'running' || target === null || clock.breached) return [];
  const fractions = [...policy.warningFractions.filter((f) => !clock.warnedFractions.includes(f)), 1];
  return fractions.map((fraction) => ({
    // Whole milliseconds, like every instant: 0.9 of a target need not be a whole second.
    at: instantAtElapsed(clock, policy, Math.round(fraction * target * 1000) / 1000).getTime(),
    metric: clock.metric,
    fraction,
  }));
};

const clocksOf = (state: SlaClocks) =>
  state.monitored ? SLA_METRICS.flatMap((metric) => state.clocks[metric] ?? []) : [];

/**
 * The warnings and breaches due by `until` (inclusive, or strictly before it), oldest first, each
 * carrying the instant it was due: however late it is noticed, the event is the same.
 */
export const overdueEvents = (
  state: SlaClocks,
  policy: SlaPolicy,
  until: Date,
  inclusive: boolean,
): (WarningRaised | ClockBreached)[] => {
  if (!state.monitored) return [];
  const limit = until.getTime();
  return clocksOf(state)
    .flatMap((clock) => pendingDeadlines(clock, policy))
    .filter((deadline) => (inclusive ? deadline.at <= limit : deadline.at < limit))
    .sort(
      (a, b) =>
        a.at - b.at ||
        a.fraction - b.fraction ||
        SLA_METRICS.indexOf(a.metric) - SLA_METRICS.indexOf(b.metric),
    )
    .map(({ at, metric, fraction }): WarningRaised | ClockBreached => {
      const clock = state.clocks[metric]!;
      const common = {
        ticketId: state.ticketId,
        metric,
        at: new Date(at).toISOString(),
        priority: clock.priority,
      };
      const targetSeconds = clock.targetSeconds!;
      return fraction === 1
        ? { type: 'ClockBreached', data: { ...common, targetSeconds } }
        : {
            type: 'WarningRaised',
            data: { ...common, fraction, targetSeconds, dueAt: dueAt(clock, policy)! },
          };
    });
};

/**
 * The next instant a Tick has something to do (a warning or breach falls due), or undefined when
 * no running clock has a deadline ahead. A scheduler arms a timer for it and ticks then.
 */
export const nextDeadline = (state: SlaClocks, policies: PolicyCatalog): string | undefined => {
  if (!state.monitored) return undefined;
  const policy = policies.version(state.policyId, state.policyVersion);
  const next = Math.min(
    ...clocksOf(state).flatMap((clock) => pendingDeadlines(clock, policy).map((d) => d.at)),
  );
  return Number.isFinite(next) ? new Date(next).toISOString() : undefined;
};
