import type { TicketRegistered } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/decider';
import { addBusinessTime } from '../calendar/business-time';
import type { PolicyCatalog } from '../policy/policy-history';
import { calendarFor, measuredMetrics, type SlaPolicy, targetFor } from '../policy/sla-policy';
import type { ClockStarted, SlaEvent } from '@helpdesk/contracts';
import { overdueEvents } from './deadlines';
import { pauseOrResume, resumeReopened, retargetClocks, stopClocks } from './reactions';
import type { ObserveTicketEvent, SlaClockCommand } from './sla-clock.commands';
import { evolveSlaClocks, type MonitoredTicket, type SlaClocks } from './sla-clock.state';

/**
 * Same commands, same events: every instant in an event comes from a ticket event, a tick's
 * deadline or the calendar, never from the clock on the wall.
 */
export const decideSlaClocks =
  (policies: PolicyCatalog) =>
  (command: SlaClockCommand, state: SlaClocks): SlaEvent[] => {
    if (command.type === 'ObserveTicketEvent' && command.event.type === 'TicketRegistered')
      return state.monitored ? [] : startClocks(policies, command.event, command);
    if (!state.monitored) return [];
    const policy = policies.version(state.policyId, state.policyVersion);
    if (command.type === 'Tick') return overdueEvents(state, policy, new Date(command.at), true);
    return observe(state, policy, command);
  };

const startClocks = (
  policies: PolicyCatalog,
  { data }: TicketRegistered,
  { policyId }: ObserveTicketEvent,
): ClockStarted[] => {
  if (!policyId)
    throw new DomainError(
      'invalid',
      'policy_required',
      'A registration needs the SLA policy of the organisation.',
    );
  const policy = policies.inForce(policyId, data.at);
  const at = new Date(data.at);
  const priority = policy.defaultPriority;
  return measuredMetrics(policy).map((metric) => {
    const targetSeconds = targetFor(policy, metric, priority);
    return {
      type: 'ClockStarted',
      data: {
        ticketId: data.ticketId,
        metric,
        at: at.toISOString(),
        organisationId: data.organisationId,
        policyId: policy.id,
        policyVersion: policy.version,
        priority,
        targetSeconds,
        dueAt:
          targetSeconds === null
            ? null
            : addBusinessTime(calendarFor(policy, priority), at, targetSeconds).toISOString(),
      },
    };
  });
};

/**
 * First what fell due before the event (it happened whether or not a tick came), then the
 * event's own effect step by step, then what the event made due at once (a lowered target).
 * A clock stopped exactly at its due instant has met its target.
 */
const observe = (state: MonitoredTicket, policy: SlaPolicy, { event }: ObserveTicketEvent): SlaEvent[] => {
  const at = new Date(Math.max(Date.parse(event.data.at), Date.parse(state.latest)));
  const events: SlaEvent[] = [];
  let current = state;
  const record = (step: (state: MonitoredTicket) => SlaEvent[]) => {
    for (const emitted of step(current)) {
      events.push(emitted);
      current = evolveSlaClocks(current, emitted) as MonitoredTicket;
    }
  };
  record((s) => overdueEvents(s, policy, at, false));
  for (const reaction of [stopClocks, retargetClocks, resumeReopened, pauseOrResume])
    record((s) => reaction(s, policy, event, at));
  record((s) => overdueEvents(s, policy, at, true));
  return events;
};
