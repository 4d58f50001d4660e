import type { ClockBreached, SlaMetric, WarningRaised } from '@helpdesk/contracts';

export type { SlaMetric };

/** The SLA events notifications reacts to, with their id (the dedupe key is derived from it). */
export type SlaAlert = (WarningRaised | ClockBreached) & { id: string };
