import { type Priority, PRIORITIES } from '@helpdesk/contracts';
import { SLA_METRICS, type SlaMetric } from '@helpdesk/contracts';
import type { ClockOutcome } from './clock-outcomes';

/** How an organisation did on one metric at one priority. */
export interface ComplianceRow {
  organisationId: string;
  metric: SlaMetric;
  priority: Priority;
  met: number;
  breached: number;
  /** Still running: neither met nor breached yet, so left out of the rate. */
  running: number;
  /** met / (met + breached); null when nothing has been decided yet. */
  rate: number | null;
}

/**
 * Met and breached clocks per organisation, metric and priority (the clock's final priority),
 * in a stable order. Clocks without a target count for nothing.
 */
export const complianceReport = (outcomes: readonly ClockOutcome[]): ComplianceRow[] => {
  const rows = new Map<string, ComplianceRow>();
  for (const { organisationId, metric, priority, outcome } of outcomes) {
    if (outcome === 'no_target') continue;
    const key = [organisationId, SLA_METRICS.indexOf(metric), PRIORITIES.indexOf(priority)].join('\u0000');
    const row = rows.get(key) ?? {
      organisationId,
      metric,
      priority,
      met: 0,
      breached: 0,
      running: 0,
      rate: null,
    };
    row[outcome] += 1;
    const decided = row.met + row.breached;
    row.rate = decided === 0 ? null : row.met / decided;
    rows.set(key, row);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
};
