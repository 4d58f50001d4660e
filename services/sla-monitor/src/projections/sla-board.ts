import { decodeEvent, type Priority, type SlaEvent, type SlaMetric } from '@helpdesk/contracts';
import type { Projection, View } from '@helpdesk/read-models';

/** One clock as the board lists it: one document per ticket and metric. */
export interface BoardClock extends View {
  ticketId: string;
  metric: SlaMetric;
  organisationId: string;
  priority: Priority;
  targetSeconds: number | null;
  phase: 'running' | 'paused' | 'stopped';
  /** When a running clock reaches its target; null while paused or stopped. */
  dueAt: string | null;
  warnedFractions: number[];
  breached: boolean;
  /** Running towards a target, and warned or already breached: what the desk must act on now. */
  atRisk: boolean;
}

export const boardClockId = (ticketId: string, metric: SlaMetric) => `${ticketId}:${metric}`;

export const slaBoardProjection: Projection<BoardClock> = {
  name: 'sla-board',
  documentId: (event) => {
    if (!event.streamId.startsWith('sla-')) return undefined;
    const { ticketId, metric } = decodeEvent<SlaEvent>(event).data;
    return boardClockId(ticketId, metric);
  },
  evolve: (current, stored) => {
    const clock = evolveBoardClock(current, decodeEvent<SlaEvent>(stored));
    return {
      ...clock,
      atRisk:
        clock.phase === 'running' &&
        clock.targetSeconds !== null &&
        (clock.breached || clock.warnedFractions.length > 0),
    };
  },
};

const evolveBoardClock = (current: BoardClock | undefined, event: SlaEvent): BoardClock => {
  if (event.type === 'ClockStarted') {
    const { ticketId, metric, organisationId, priority, targetSeconds, dueAt } = event.data;
    return {
      id: boardClockId(ticketId, metric),
      revision: -1,
      ticketId,
      metric,
      organisationId,
      priority,
      targetSeconds,
      phase: 'running',
      dueAt,
      warnedFractions: [],
      breached: false,
      atRisk: false,
    };
  }
  if (!current) throw new Error(`${event.type} for a clock that never started (${event.data.ticketId})`);
  switch (event.type) {
    case 'TargetChanged':
      return {
        ...current,
        priority: event.data.priority,
        targetSeconds: event.data.targetSeconds,
        dueAt: event.data.dueAt,
      };
    case 'ClockPaused':
      return { ...current, phase: 'paused', dueAt: null };
    case 'ClockResumed':
      return { ...current, phase: 'running', dueAt: event.data.dueAt };
    case 'WarningRaised':
      return { ...current, warnedFractions: [...current.warnedFractions, event.data.fraction] };
    case 'ClockBreached':
      return { ...current, breached: true };
    case 'ClockMet':
    case 'ClockStopped':
      return { ...current, phase: 'stopped', dueAt: null };
  }
};
