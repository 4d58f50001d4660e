import { decodeEvent, type Priority, type SlaEvent, type SlaMetric } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';

/** One SLA clock as a ticket shows it. */
export interface TicketSlaClock {
  priority: Priority;
  targetSeconds: number | null;
  state: 'running' | 'paused' | 'stopped';
  /** When a running clock reaches its target; null while paused or stopped. */
  dueAt: string | null;
  breached: boolean;
}

/** The clocks of one ticket, from the sla-monitor's events on helpdesk.sla.v1. */
export interface TicketSla extends View {
  clocks: Partial<Record<SlaMetric, TicketSlaClock>>;
}

/**
 * The ticket's next SLA deadline: the soonest due time among its running clocks, null when none
 * runs (paused and stopped clocks have no due time). What the agents' queue is sorted by.
 */
export const nextDueOf = (clocks: TicketSla['clocks']): string | null =>
  Object.values(clocks).reduce<string | null>(
    (soonest, clock) =>
      clock?.state === 'running' && clock.dueAt && (soonest === null || clock.dueAt < soonest)
        ? clock.dueAt
        : soonest,
    null,
  );

export const ticketSlaProjection: Projection<TicketSla> = {
  name: 'ticket-sla',
  documentId: (event) =>
    event.streamId.startsWith('sla-') ? decodeEvent<SlaEvent>(event).data.ticketId : undefined,
  evolve: (current, stored) => {
    const event = decodeEvent<SlaEvent>(stored);
    const clocks = current?.clocks ?? {};
    const clock = clocks[event.data.metric];
    const next = evolveClock(clock, event);
    return {
      id: event.data.ticketId,
      revision: stored.revision,
      clocks: next ? { ...clocks, [event.data.metric]: next } : clocks,
    };
  },
};

const evolveClock = (clock: TicketSlaClock | undefined, event: SlaEvent): TicketSlaClock | undefined => {
  if (event.type === 'ClockStarted') {
    const { priority, targetSeconds, dueAt } = event.data;
    return { priority, targetSeconds, state: 'running', dueAt, breached: false };
  }
  if (!clock) return undefined;
  switch (event.type) {
    case 'TargetChanged':
      return {
        ...clock,
        priority: event.data.priority,
        targetSeconds: event.data.targetSeconds,
        dueAt: event.data.dueAt,
      };
    case 'ClockPaused':
      return { ...clock, state: 'paused', dueAt: null };
    case 'ClockResumed':
      return { ...clock, state: 'running', dueAt: event.data.dueAt };
    case 'ClockBreached':
      return { ...clock, breached: true };
    case 'ClockMet':
    case 'ClockStopped':
      return { ...clock, state: 'stopped', dueAt: null };
    case 'WarningRaised':
      return clock;
  }
};
