import type { Priority } from '@helpdesk/contracts';
import type { SlaEvent, SlaMetric } from '@helpdesk/contracts';

/** One metric's clock, as its events made it. */
export interface Clock {
  metric: SlaMetric;
  priority: Priority;
  targetSeconds: number | null;
  /** Business seconds counted up to `since` (while running) or in total (paused, stopped). */
  elapsedSeconds: number;
  phase: 'running' | 'paused' | 'stopped';
  /** Where the current running stretch began. */
  since: string;
  /**
   * The running stretches before the current one, from registration on: a priority change
   * measures the elapsed time again from them, in the calendar of the priority now in force.
   */
  stretches: Stretch[];
  warnedFractions: number[];
  breached: boolean;
}

/** A stretch of time the clock ran, as ISO instants. */
export interface Stretch {
  from: string;
  to: string;
}

export interface MonitoredTicket {
  monitored: true;
  ticketId: string;
  organisationId: string;
  policyId: string;
  policyVersion: number;
  clocks: Partial<Record<SlaMetric, Clock>>;
  /** The latest instant the clocks have seen. */
  latest: string;
}

/** A ticket whose registration the monitor has not seen has no clocks. */
export type SlaClocks = { monitored: false } | MonitoredTicket;

export const initialSlaClocks: SlaClocks = { monitored: false };

export const evolveSlaClocks = (state: SlaClocks, event: SlaEvent): SlaClocks => {
  const { data } = event;
  if (event.type === 'ClockStarted') {
    const { ticketId, organisationId, policyId, policyVersion, metric, priority, targetSeconds, at } =
      event.data;
    const clock: Clock = {
      metric,
      priority,
      targetSeconds,
      elapsedSeconds: 0,
      phase: 'running',
      since: at,
      stretches: [],
      warnedFractions: [],
      breached: false,
    };
    const clocks = state.monitored ? state.clocks : {};
    return {
      monitored: true,
      ticketId,
      organisationId,
      policyId,
      policyVersion,
      latest: at,
      clocks: { ...clocks, [metric]: clock },
    };
  }
  if (!state.monitored) return state;
  const clock = state.clocks[data.metric];
  if (!clock) return state;
  const changed = (change: Partial<Clock>): SlaClocks => ({
    ...state,
    latest: data.at > state.latest ? data.at : state.latest,
    clocks: { ...state.clocks, [data.metric]: { ...clock, ...change } },
  });
  // A running stretch ends wherever the clock pauses, stops or is re-targeted.
  const ended = (): Stretch[] =>
    clock.phase === 'running' ? [...clock.stretches, { from: clock.since, to: data.at }] : clock.stretches;
  switch (event.type) {
    case 'TargetChanged': {
      const { priority, targetSeconds, elapsedSeconds, at } = event.data;
      return changed({ priority, targetSeconds, elapsedSeconds, since: at, stretches: ended() });
    }
    case 'ClockPaused':
      return changed({ phase: 'paused', elapsedSeconds: event.data.elapsedSeconds, stretches: ended() });
    case 'ClockResumed':
      return changed({ phase: 'running', elapsedSeconds: event.data.elapsedSeconds, since: event.data.at });
    case 'WarningRaised':
      return changed({ warnedFractions: [...clock.warnedFractions, event.data.fraction] });
    case 'ClockBreached':
      return changed({ breached: true });
    case 'ClockMet':
    case 'ClockStopped':
      return changed({ phase: 'stopped', elapsedSeconds: event.data.businessSeconds, stretches: ended() });
  }
};
