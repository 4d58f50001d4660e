import type { TicketEvent } from '@helpdesk/contracts';
import { type Decider, fold } from '@helpdesk/decider';
import type { SlaEvent } from '@helpdesk/contracts';
import type { SlaClockCommand } from './sla-clock.commands';
import type { SlaClocks } from './sla-clock.state';

type SlaClockDecider = Decider<SlaClockCommand, SlaEvent, SlaClocks>;

/** Every SLA event a sequence of commands leads to, from a history, in order. */
export const runCommands = (
  decider: SlaClockDecider,
  commands: readonly SlaClockCommand[],
  history: readonly SlaEvent[] = [],
): SlaEvent[] => {
  const emitted: SlaEvent[] = [];
  let state = fold(decider, history);
  for (const command of commands) {
    const events = decider.decide(command, state);
    emitted.push(...events);
    state = events.reduce(decider.evolve, state);
  }
  return emitted;
};

/**
 * A ticket's clocks rebuilt from its events as they were known at `until`: the events up to
 * then, observed in order, and a tick at `until` for what fell due after the last of them.
 */
export const replayTicket = (
  decider: SlaClockDecider,
  history: readonly TicketEvent[],
  policyId: string,
  until: string,
): SlaEvent[] => {
  const end = Date.parse(until);
  const known = history.filter((event) => Date.parse(event.data.at) <= end);
  return runCommands(decider, [
    ...known.map((event): SlaClockCommand => ({ type: 'ObserveTicketEvent', event, policyId })),
    { type: 'Tick', at: new Date(end).toISOString() },
  ]);
};
