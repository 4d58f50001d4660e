import type { Priority } from '@helpdesk/contracts';

/**
 * The SLA events notifications reacts to. The sla-monitor's contract (libs/contracts/src/sla)
 * is being written; until it exists this is the least notifications needs from it, and the
 * caller maps the published events to it.
 */
export type SlaMetric = 'triage' | 'first_response' | 'resolution';

export interface SlaAlert {
  /** The SLA event's id: the dedupe key is derived from it. */
  id: string;
  type: 'SlaWarning' | 'SlaBreached';
  ticketId: string;
  metric: SlaMetric;
  priority?: Priority;
  /** RFC 3339. */
  dueAt: string;
  /** Warnings: the fraction of the target that has passed, e.g. 0.75. */
  threshold?: number;
}
