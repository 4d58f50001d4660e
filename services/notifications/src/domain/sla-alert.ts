import type { Priority } from '@helpdesk/contracts';

/**
 * The SLA events notifications reacts to: the shape of `WarningRaised` and `ClockBreached` in
 * libs/contracts/src/sla/sla-events.ts, which is being written and not yet exported. Those
 * events (with their id) fit this type as they are; once they are exported this file should
 * become `export type SlaAlert = (WarningRaised | ClockBreached) & { id: string }`.
 */
export type SlaMetric = 'triage' | 'first_response' | 'resolution';

interface ClockFact {
  ticketId: string;
  metric: SlaMetric;
  /** For a breach: the instant the target was reached. */
  at: string;
  priority: Priority;
}

export type SlaAlert = {
  /** The SLA event's id: the dedupe key is derived from it. */
  id: string;
} & (
  | { type: 'WarningRaised'; data: ClockFact & { fraction: number; dueAt: string } }
  | { type: 'ClockBreached'; data: ClockFact }
);
