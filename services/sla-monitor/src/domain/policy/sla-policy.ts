import type { Priority } from '@helpdesk/contracts';
import { type BusinessCalendar, ROUND_THE_CLOCK } from '../calendar/business-calendar';
import type { CalendarDefinition } from '../calendar/calendar-definition';
import { type PausingStatus, SLA_METRICS, type SlaMetric } from '@helpdesk/contracts';

/**
 * A target as people write it. A business (working) day is the calendar's usual day of office
 * hours (8.5 hours for 09:00-17:30), a working week five of them; minutes and hours are
 * business time as well.
 */
export type TargetSpec =
  { minutes: number } | { hours: number } | { businessDays: number } | { workingWeeks: number };

/** A policy as data (JSON), read by parsePolicy. */
export interface SlaPolicyDefinition {
  id: string;
  /** A new version applies to tickets registered from its `effectiveFrom`; older tickets keep theirs. */
  version: number;
  /** An ISO instant with its offset, e.g. 2026-01-01T00:00:00+01:00. */
  effectiveFrom: string;
  name?: string;
  calendar: CalendarDefinition;
  /** Priorities whose clocks run 24/7 instead of in office hours (e.g. P1). */
  roundTheClock?: Priority[];
  /** The priority a ticket's clocks use until it is triaged; default P3. */
  defaultPriority?: Priority;
  /** Per metric, the target per priority; a priority left out has no target for that metric. */
  targets: Partial<Record<SlaMetric, Partial<Record<Priority, TargetSpec>>>>;
  /** Per metric, the ticket statuses that pause it; default: waiting_for_customer pauses resolution. */
  pausedBy?: Partial<Record<SlaMetric, PausingStatus[]>>;
  /** Fractions of the target at which a warning is raised; default [0.75, 0.9]. */
  warningFractions?: number[];
}

/** A validated policy, ready for the clocks: every target in business seconds. */
export interface SlaPolicy {
  readonly id: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly name: string;
  readonly calendar: BusinessCalendar;
  readonly roundTheClock: readonly Priority[];
  readonly defaultPriority: Priority;
  readonly targets: Readonly<Record<SlaMetric, Readonly<Partial<Record<Priority, number>>>>>;
  readonly pausedBy: Readonly<Record<SlaMetric, readonly PausingStatus[]>>;
  readonly warningFractions: readonly number[];
  readonly definition: SlaPolicyDefinition;
}

export const DEFAULT_PRIORITY: Priority = 'P3';
export const DEFAULT_WARNING_FRACTIONS = [0.75, 0.9];
export const DEFAULT_PAUSED_BY: Partial<Record<SlaMetric, PausingStatus[]>> = {
  resolution: ['waiting_for_customer'],
};

export const calendarFor = (
  policy: Pick<SlaPolicy, 'roundTheClock' | 'calendar'>,
  priority: Priority,
): BusinessCalendar => (policy.roundTheClock.includes(priority) ? ROUND_THE_CLOCK : policy.calendar);

/** The target in business seconds, or null when the policy sets none for this priority. */
export const targetFor = (policy: SlaPolicy, metric: SlaMetric, priority: Priority): number | null =>
  policy.targets[metric][priority] ?? null;

export const targetSpecSeconds = (spec: TargetSpec, calendar: BusinessCalendar): number => {
  if ('minutes' in spec) return spec.minutes * 60;
  if ('hours' in spec) return spec.hours * 3600;
  if ('businessDays' in spec) return spec.businessDays * calendar.businessDaySeconds;
  return spec.workingWeeks * 5 * calendar.businessDaySeconds;
};

/** A metric gets a clock when the policy sets a target for it at any priority. */
export const measuredMetrics = (policy: SlaPolicy): SlaMetric[] =>
  SLA_METRICS.filter((metric) => Object.keys(policy.targets[metric]).length > 0);
