/**
 * The SLA clocks' events: the sla-monitor's published language on `helpdesk.sla.v1`.
 * One stream per ticket (`sla-<ticketId>`) holds a clock per measured metric. Every event names
 * the ticket, the metric and the instant it happened (`at`). Instants are derived from the
 * ticket's own events and the policy's calendar, never from when the monitor noticed: a warning
 * or breach found late (after a restart) carries the instant it was due, so replaying the same
 * ticket events always gives the same SLA events.
 */
import type { Priority, TicketEventType } from '../tickets/ticket-events';

/**
 * triage: registration until a priority is assigned. first_response: registration until the first
 * public agent comment. resolution: registration until resolved or a workaround is provided.
 */
export const SLA_METRICS = ['triage', 'first_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** Ticket statuses a policy may let pause a metric's clock (the desk waits on someone else). */
export const PAUSING_STATUSES = ['waiting_for_customer', 'waiting_for_third_party', 'fix_scheduled'] as const;
export type PausingStatus = (typeof PAUSING_STATUSES)[number];

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Every SLA event names the ticket's clock and when it happened. */
interface ClockFact {
  ticketId: string;
  metric: SlaMetric;
  at: string;
}

/**
 * Durations are business seconds of the clock's calendar (office hours, holidays, or 24/7).
 * `targetSeconds` is null when the policy sets no target for the clock's priority: the clock still
 * measures, but cannot be warned, breached or met.
 */
interface Target {
  priority: Priority;
  targetSeconds: number | null;
}

/** At registration (`at`); the priority is the policy's default until the ticket is triaged. */
export type ClockStarted = Event<
  'ClockStarted',
  ClockFact &
    Target & {
      organisationId: string;
      policyId: string;
      policyVersion: number;
      /** When the target is reached if the clock keeps running; null without a target. */
      dueAt: string | null;
    }
>;
/**
 * Triage or a priority change gave the clock another priority (and so maybe another target): the
 * record of the change on the clock. The business time elapsed since registration is measured
 * again in the calendar of the new priority (a P1 on a 24/7 contract counts the night before its
 * triage), and the due time recomputed from it.
 */
export type TargetChanged = Event<
  'TargetChanged',
  ClockFact &
    Target & {
      previousPriority: Priority;
      previousTargetSeconds: number | null;
      /** The previous due time; null while paused or stopped, or without a target. Absent before 2026-12. */
      previousDueAt?: string | null;
      /** Business seconds since registration (pauses left out) in the new priority's calendar. */
      elapsedSeconds: number;
      /** null while the clock is paused or stopped, or without a target. */
      dueAt: string | null;
      /** Who changed the priority (the agent, or whoever accepted a reassessment). Absent before 2026-12. */
      by?: string;
      /** Why, as given with the change; absent for triage. */
      reason?: string;
      /** The ticket event that changed the priority. Absent before 2026-12. */
      cause?: TicketEventType;
    }
>;
/** The ticket entered a status the policy lets pause this metric. */
export type ClockPaused = Event<
  'ClockPaused',
  ClockFact & { status: PausingStatus; cause: TicketEventType; elapsedSeconds: number }
>;
/** The clock runs again: the ticket left a pausing status, or a resolved ticket was reopened. */
export type ClockResumed = Event<
  'ClockResumed',
  ClockFact & {
    /** The ticket's status from now on, e.g. `in_progress` or `open`. */
    status: string;
    cause: TicketEventType;
    elapsedSeconds: number;
    dueAt: string | null;
  }
>;
/**
 * What an alert knew of its ticket: the ticket stream's revision the monitor had observed when it
 * raised the alert. A subscriber whose own copy of the ticket is older (the tickets topic behind
 * the SLA topic) waits for that revision before acting on the alert, e.g. to mail the assignee.
 */
interface ObservedTicket {
  ticketRevision?: number;
}
/** The clock reached a warning fraction of its target (once per fraction). */
export type WarningRaised = Event<
  'WarningRaised',
  ClockFact & ObservedTicket & { priority: Priority; fraction: number; targetSeconds: number; dueAt: string }
>;
/** The clock reached its target while running (once); `at` is the due instant. */
export type ClockBreached = Event<
  'ClockBreached',
  ClockFact & ObservedTicket & { priority: Priority; targetSeconds: number }
>;
/** The clock stopped within its target. */
export type ClockMet = Event<
  'ClockMet',
  ClockFact & { priority: Priority; targetSeconds: number; businessSeconds: number; cause: TicketEventType }
>;
/** The clock stopped after its breach (how late it was), or without a target. */
export type ClockStopped = Event<
  'ClockStopped',
  ClockFact & Target & { outcome: 'breached' | 'no_target'; businessSeconds: number; cause: TicketEventType }
>;

export type SlaEvent =
  | ClockStarted
  | TargetChanged
  | ClockPaused
  | ClockResumed
  | WarningRaised
  | ClockBreached
  | ClockMet
  | ClockStopped;

export type SlaEventType = SlaEvent['type'];
